using System.Diagnostics;

namespace IptTriage.Testing;

public static class DotnetHost
{
    /// <summary>The dotnet host running these tests, so a child <c>iptriage</c> uses the same runtime.</summary>
    public static string Path { get; } =
        Environment.ProcessPath is { } host && System.IO.Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    /// <summary>Runs the built <c>iptriage</c> in a child process, as a user runs it: <paramref name="stdin"/> piped in
    /// (or closed), output read from pipes.</summary>
    public static async Task<CliResult> RunIptriageAsync(string? stdin, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "iptriage.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
