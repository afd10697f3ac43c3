namespace IptTriage.Benchmarks.Screening;

/// <summary>Writes COUNT forms as JSON Lines: the sample forms in turn, each with a fresh referral id
/// (<c>BENCH-00000000</c>, ...). Deterministic, so a timing can be repeated on the same bytes.</summary>
public static class MakeCorpus
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count != 2 || !int.TryParse(args[1], out var count) || count < 0)
        {
            Console.Error.WriteLine("usage: make-corpus FILE COUNT");
            return 2;
        }
        using var file = new FileStream(args[0], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        foreach (var form in SampleForms.Renumbered(count, i => $"BENCH-{i:D8}"))
        {
            file.Write(form);
            file.WriteByte((byte)'\n');
        }
        Console.Error.WriteLine($"wrote {count} forms to {args[0]}");
        return 0;
    }
}
