using Spectre.Console;
using Spectre.Console.Rendering;

namespace IptTriage.Cli.Commands.Run;

/// <summary>Shows a run's progress while it works: a table redrawn in place on a terminal, or a plain line each time
/// the counts change when output goes to a pipe or a file (no escape codes in logs).</summary>
public abstract class ProgressView
{
    public static ProgressView Create(IAnsiConsole console, TerminalInfo terminal) =>
        terminal.Interactive ? new LiveView(console) : new LineView(console);

    /// <summary>Runs <paramref name="work"/>, which reports progress through the callback it is given.</summary>
    public abstract Task RunAsync(Func<Action<RunProgress>, Task> work);

    private sealed class LiveView(IAnsiConsole console) : ProgressView
    {
        public override Task RunAsync(Func<Action<RunProgress>, Task> work) =>
            console.Live(new Text("starting...")).AutoClear(false).StartAsync(live => work(progress =>
            {
                live.UpdateTarget(Render(progress));
                live.Refresh();
            }));

        private static IRenderable Render(RunProgress progress)
        {
            var table = new Table().AddColumn("taken in");
            foreach (var (heading, _) in RunProgress.Columns) table.AddColumn(heading);
            table.AddRow([progress.FormsTakenIn.ToString(), .. RunProgress.Columns.Select(column => progress.Count(column.Statuses).ToString())]);
            if (progress.SimulatedTime is { } simulated) table.Caption(RunProgress.DescribeSimulatedTime(simulated));
            return table;
        }
    }

    private sealed class LineView(IAnsiConsole console) : ProgressView
    {
        private string? lastLine;

        public override Task RunAsync(Func<Action<RunProgress>, Task> work) => work(progress =>
        {
            var line = progress.Describe();
            if (line == lastLine) return;
            lastLine = line;
            var time = progress.SimulatedTime is { } simulated ? $"[{RunProgress.DescribeSimulatedTime(simulated)}] " : "";
            console.WriteLine(time + line);
        });
    }
}
