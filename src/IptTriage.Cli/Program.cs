namespace IptTriage.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        using var stdout = Console.OpenStandardOutput();
        return IptTriageCommand.Run(args, CliStreams.ForConsole(stdout));
    }
}
