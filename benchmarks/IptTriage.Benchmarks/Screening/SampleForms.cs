namespace IptTriage.Benchmarks.Screening;

/// <summary>The repository's valid sample intake forms (copied next to the benchmark at build time), as raw UTF-8:
/// varied on purpose, covering every pathway, exclusion and instrument.</summary>
public static class SampleForms
{
    public static IReadOnlyList<byte[]> LoadUtf8()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "samples", "intake");
        var forms = Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        return forms.Count > 0 ? forms : throw new InvalidOperationException($"no sample forms in {directory}");
    }
}
