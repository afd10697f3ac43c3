using IptTriage.Testing;
using System.Text;

namespace IptTriage.Cli.Tests.Support;

/// <summary>Runs <c>iptriage</c> in this process with in-memory standard streams.</summary>
public static class InProcessCli
{
    public static CliResult Run(params string[] args) => RunWithStdin([], args);

    public static CliResult RunWithStdin(string stdin, params string[] args) => RunWithStdin(Encoding.UTF8.GetBytes(stdin), args);

    public static CliResult RunWithStdin(byte[] stdin, params string[] args) => RunWithStdin(() => new MemoryStream(stdin), args);

    public static CliResult RunWithStdin(Func<Stream> openStdin, params string[] args) => Run(openStdin, stdinIsTerminal: false, args);

    /// <summary>As a person typing <paramref name="stdin"/> at a terminal runs it.</summary>
    public static CliResult RunTypingStdin(string stdin, params string[] args) =>
        Run(() => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdinIsTerminal: true, args);

    /// <summary>As a person typing <paramref name="hiddenLines"/> unechoed at a terminal (a password prompt) runs it.</summary>
    public static CliResult RunTypingHidden(string[] hiddenLines, params string[] args)
    {
        var typed = new Queue<string>(hiddenLines);
        return Run(() => new MemoryStream(), stdinIsTerminal: true, args, () => typed.TryDequeue(out var line) ? line : null);
    }

    private static CliResult Run(Func<Stream> openStdin, bool stdinIsTerminal, string[] args, Func<string?>? readHiddenLine = null)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var streams = new CliStreams(openStdin, stdout, stderr, TerminalInfo.Redirected, stdinIsTerminal, readHiddenLine);
        var exitCode = IptTriageCommand.Run(args, streams);
        return new CliResult(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
