namespace IptTriage.Cli.Tests.Support;

/// <summary>The repository's <c>samples/intake</c>, copied next to the tests at build time.</summary>
public static class SampleFiles
{
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "intake");

    /// <summary>Valid forms' file names, in ordinal order (the order <c>screen</c> reads a directory in).</summary>
    public static IReadOnlyList<string> ValidFormNames { get; } =
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(file => Path.GetFileName(file)).Order(StringComparer.Ordinal)];

    public static string Valid(string name) => Path.Combine(Directory, name);

    public static string Invalid(string name) => Path.Combine(Directory, "invalid", name);

    public static string Expected(string name) => Path.Combine(Directory, "expected", name);

    public static string ReferralIdOf(string name) => "SMP-" + name[..4];

    /// <summary>A sample form as one line of JSON Lines.</summary>
    public static string AsJsonLine(string name) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Valid(name)))!.ToJsonString();
}
