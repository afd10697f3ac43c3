using System.CommandLine;
using IptTriage.Cli.Commands.Screen;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Cli;

/// <summary>The <c>iptriage</c> root command: parses the command line and runs the chosen subcommand.</summary>
public static class IptTriageCommand
{
    public static int Run(string[] args, CliStreams streams)
    {
        var root = new RootCommand("Referral triage for services offering Interpersonal Psychotherapy (IPT).")
        {
            ScreenCommand.Create(streams),
            Commands.Run.RunCommand.Create(streams),
            Commands.Serve.ServeCommand.Create(streams),
            Commands.Users.UsersCommand.Create(streams),
            Commands.Keys.KeysCommand.Create(streams),
            Commands.Policy.PolicyCommand.Create(streams),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) streams.Stderr.WriteLine($"iptriage: {error.Message}");
            streams.Stderr.WriteLine("Run 'iptriage --help' for usage.");
            return ExitCodes.UsageError;
        }

        using var helpOutput = new StreamWriter(streams.Stdout, leaveOpen: true);
        var exitCode = parsed.Invoke(new InvocationConfiguration
        {
            Output = helpOutput,
            Error = streams.Stderr,
            EnableDefaultExceptionHandler = false,
            // Ctrl+C cancels the command's token and the command stops by itself: serve and run stop their hosts, which
            // bound their own graceful stop (HostOptions.ShutdownTimeout). System.CommandLine's default would give up
            // after 2 seconds and exit 130 mid-stop, which a loaded machine reaches with one referral in flight; this
            // gives up only once the host's own bound has passed.
            ProcessTerminationTimeout = new HostOptions().ShutdownTimeout + TimeSpan.FromSeconds(5),
        });
        helpOutput.Flush();
        return exitCode;
    }
}
