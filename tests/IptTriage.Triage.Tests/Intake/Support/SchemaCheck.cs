using System.Diagnostics;
using System.Text.Json;
using IptTriage.Triage.Intake;

namespace IptTriage.Triage.Tests.Intake.Support;

/// <summary>Runs tools/schema-check (ajv 8, draft 2020-12, with ajv-formats) over JSON documents, installing its
/// pinned packages with <c>npm ci</c> first when a fresh clone lacks them. The schema checked is the one embedded in
/// the Triage assembly, i.e. the one hosts serve.</summary>
public sealed class SchemaCheck : IDisposable
{
    private readonly string toolDirectory;
    private readonly string schemaPath = Path.Combine(Path.GetTempPath(), $"intake-form-{Guid.NewGuid():N}.schema.json");

    public SchemaCheck()
    {
        toolDirectory = Path.Combine(RepositoryRoot(), "tools", "schema-check");
        if (!File.Exists(Path.Combine(toolDirectory, "node_modules", "ajv", "package.json")))
        {
            Run("npm", ["ci", "--prefix", toolDirectory, "--no-audit", "--no-fund"], stdin: null);
        }
        using var schema = IntakeSchema.OpenUtf8Stream();
        using var file = File.Create(schemaPath);
        schema.CopyTo(file);
    }

    /// <summary>Whether each document (one line of JSON each) is valid against the schema, in order.</summary>
    public IReadOnlyList<bool> Validate(IReadOnlyList<string> documents)
    {
        if (documents.Any(d => d.Contains('\n', StringComparison.Ordinal)))
        {
            throw new ArgumentException("documents must be single-line JSON", nameof(documents));
        }
        var output = Run("node", [Path.Combine(toolDirectory, "check.mjs"), schemaPath], string.Join('\n', documents) + "\n");
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(result => result.GetProperty("document").GetInt32(), result => result.GetProperty("valid").GetBoolean());
        return [.. Enumerable.Range(1, documents.Count).Select(line => results[line])];
    }

    public void Dispose() => File.Delete(schemaPath);

    private static string Run(string program, string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {errors.Result}");
        }
        return output.Result;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IptTriage.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException($"no IptTriage.sln above {AppContext.BaseDirectory}");
    }
}
