using System.CommandLine;
using IptTriage.Cli.Commands.Screen;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Clinics;

namespace IptTriage.Cli.Commands.Run;

/// <summary><c>iptriage run [PATH...]</c>: the workflow on the embedded engine over a batch of forms (<c>docs/cli.md</c>).</summary>
public static class RunCommand
{
    /// <summary>The sample forms copied beside the program at build time.</summary>
    public static string BundledSamples { get; } = Path.Combine(AppContext.BaseDirectory, "samples", "intake");

    public static Command Create(CliStreams streams)
    {
        var paths = PathArgument.Create("A .json form, a .jsonl file of forms, a directory (its .json and .jsonl files, not "
            + "subdirectories), or '-' for JSON Lines on standard input. Default: the bundled sample referrals.");
        var data = new Option<string>("--data")
        {
            HelpName = "DIR",
            DefaultValueFactory = _ => DataDirectory.Default,
            Description = "Where the records, the workflow's state and the email outbox are kept.",
        };
        var fresh = new Option<bool>("--fresh")
        {
            Description = "Delete what an earlier run left in the data folder first (only files iptriage writes).",
        };
        var simulate = new Option<bool>("--simulate-responses")
        {
            Description = "Play coordinators and clinics with fixed, deterministic answers on a clock where 1 second is 1 hour, "
                + "so referrals are placed, discharged after a course of care, and their slots offered to the cases waiting.",
        };
        var command = new Command("run", "Take in intake forms and drive every referral through the workflow, then summarise.")
        {
            paths, data, fresh, simulate,
        };
        command.SetAction(parsed => Run(
            new RunSettings(parsed.GetValue(paths) ?? [], parsed.GetValue(data)!, parsed.GetValue(fresh), parsed.GetValue(simulate)), streams));
        return command;
    }

    public static int Run(RunSettings settings, CliStreams streams)
    {
        try
        {
            // The bundled samples folder is the program's own: nothing in it needs pointing out.
            var source = settings.Paths.Count == 0
                ? FormSource.Resolve([BundledSamples], streams, _ => { })
                : FormSource.Resolve(settings.Paths, streams, note => streams.Stderr.WriteLine($"iptriage run: {note}"));
            var dataDirectory = Path.GetFullPath(settings.DataDirectory);
            if (settings.Fresh) DataDirectory.Clear(dataDirectory);

            using var text = new StreamWriter(streams.Stdout, leaveOpen: true) { AutoFlush = true };
            var console = TerminalConsole.Create(text, streams.Terminal);
            return ReferralRun.ExecuteAsync(source, dataDirectory, settings.SimulateResponses, streams, console).GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            return Fail(streams, e.Message, ExitCodes.UsageError);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PolicyFileException or ClinicDirectoryException)
        {
            // These name the file and what is wrong with it, never a form's content.
            return Fail(streams, e.Message, ExitCodes.UsageError);
        }
        catch (Exception e)
        {
            // The type only: an unexpected exception's message could echo form content.
            return Fail(streams, $"internal error ({e.GetType().FullName}); please report it.", ExitCodes.InternalError);
        }
    }

    private static int Fail(CliStreams streams, string message, int exitCode)
    {
        streams.Stderr.WriteLine($"iptriage run: {message}");
        return exitCode;
    }
}

/// <param name="Paths">Forms to take in; none means the bundled samples.</param>
/// <param name="DataDirectory">Becomes <c>IptTriage:DataDirectory</c>.</param>
public sealed record RunSettings(IReadOnlyList<string> Paths, string DataDirectory, bool Fresh, bool SimulateResponses);
