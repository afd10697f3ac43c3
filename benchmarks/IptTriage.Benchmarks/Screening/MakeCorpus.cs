using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

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
        var samples = SampleForms.LoadUtf8().Select(form => JsonNode.Parse(form)!.AsObject()).ToList();
        using var file = new FileStream(args[0], FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        // Relaxed escaping keeps names such as "Lucía" as raw UTF-8, as real forms arrive.
        using var json = new Utf8JsonWriter(file, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        for (var i = 0; i < count; i++)
        {
            var form = samples[i % samples.Count];
            form["referralId"] = $"BENCH-{i:D8}";
            form.WriteTo(json);
            json.Flush();
            json.Reset();
            file.WriteByte((byte)'\n');
        }
        Console.Error.WriteLine($"wrote {count} forms to {args[0]}");
        return 0;
    }
}
