using System.CommandLine;
using IptTriage.Cli.Commands.Screen;
using IptTriage.Triage.Policy;
using Spectre.Console;

namespace IptTriage.Cli.Commands.Policy;

/// <summary><c>iptriage policy diff A B</c>: every setting the two policy files give different values, with both.
/// Exits 0 when none differs and 1 when some do, as <c>diff</c> does.</summary>
public static class DiffCommand
{
    public static Command Create(CliStreams streams)
    {
        var first = new Argument<string>("A") { Description = "A policy file." };
        var second = new Argument<string>("B") { Description = "Another policy file." };
        var command = new Command("diff", "Name each setting two policy files give different values, with both values.") { first, second };
        command.SetAction(parsed => Run(parsed.GetValue(first)!, parsed.GetValue(second)!, streams));
        return command;
    }

    public static int Run(string firstPath, string secondPath, CliStreams streams)
    {
        try
        {
            var differences = PolicyDiff.Between(ScreenCommand.LoadPolicy(firstPath), ScreenCommand.LoadPolicy(secondPath));
            using var text = new StreamWriter(streams.Stdout, leaveOpen: true);
            var console = TerminalConsole.Create(text, streams.Terminal);
            if (differences.Count == 0)
            {
                console.WriteLine("The two policies have the same settings.");
                return ExitCodes.Success;
            }
            var table = new Table().AddColumns(new TableColumn("setting"), new TableColumn(new Text(firstPath)), new TableColumn(new Text(secondPath)));
            foreach (var difference in differences) table.AddRow(new Text(difference.Path), new Text(difference.First), new Text(difference.Second));
            console.Write(table);
            console.WriteLine($"{differences.Count} setting{(differences.Count == 1 ? "" : "s")} differ{(differences.Count == 1 ? "s" : "")}.");
            return ExitCodes.Differences;
        }
        catch (Exception e) when (e is UsageException or IOException or UnauthorizedAccessException)
        {
            // A policy file holds no personal data: its problems are shown as they are.
            streams.Stderr.WriteLine($"iptriage policy diff: {e.Message}");
            return ExitCodes.UsageError;
        }
    }
}
