using System.Diagnostics;
using System.Globalization;

namespace IptTriage.Benchmarks;

/// <summary>A bench command's <c>--name value</c> options, refused with a message naming the problem.</summary>
public sealed class BenchOptions(Dictionary<string, string> values)
{
    public static BenchOptions Parse(IReadOnlyList<string> args, params string[] known)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count || !known.Contains(args[i][2..]))
                throw new ArgumentException($"Unexpected '{args[i]}' at argument {i + 1}; options: {string.Join(", ", known.Select(k => "--" + k))}.");
            values[args[i][2..]] = args[i + 1];
        }
        return new BenchOptions(values);
    }

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public int Number(string name, int fallback) => !values.TryGetValue(name, out var text)
        ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"--{name} must be a positive whole number, not '{text}'.");

    /// <summary>The process's peak working set so far, in MB.</summary>
    public static double PeakMegabytes() => Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
}
