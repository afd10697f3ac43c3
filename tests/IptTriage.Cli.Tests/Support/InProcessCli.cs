using System.Text;

namespace IptTriage.Cli.Tests.Support;

/// <summary>Runs <c>iptriage</c> in this process with in-memory standard streams.</summary>
public static class InProcessCli
{
    public static CliResult Run(params string[] args) => RunWithStdin([], args);

    public static CliResult RunWithStdin(string stdin, params string[] args) => RunWithStdin(Encoding.UTF8.GetBytes(stdin), args);

    public static CliResult RunWithStdin(byte[] stdin, params string[] args) => RunWithStdin(() => new MemoryStream(stdin), args);

    public static CliResult RunWithStdin(Func<Stream> openStdin, params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var streams = new CliStreams(openStdin, stdout, stderr, TerminalInfo.Redirected);
        var exitCode = IptTriageCommand.Run(args, streams);
        return new CliResult(exitCode, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }
}
