using Microsoft.DurableTask;

namespace IptTriage.DurableTask.Sqlite.CrashHost;

/// <summary>
/// The workflow the crash test kills and restarts: a sequence of activities with a durable timer in the middle.
/// Each activity appends "instance step" to the side-effect file, so re-executions are visible.
/// </summary>
public static class CrashWorkload
{
    public const string Orchestrator = "CrashWorkflow";
    public const string Activity = "RecordSideEffect";

    public static string InstanceId(int index) => $"crash-{index:D4}";

    /// <summary>The output every instance must finish with: the sum of its step results.</summary>
    public static int ExpectedOutput(int steps) => Enumerable.Range(0, steps).Sum(StepResult);

    public static int StepResult(int step) => (step + 1) * 10;

    public static void Register(DurableTaskRegistry tasks, SideEffectLog log) => tasks
        .AddActivityFunc<Step, int>(Activity, async (context, step) =>
        {
            await log.AppendAsync($"{context.InstanceId} {step.Number}");
            await Task.Delay(20); // widens the window between the side effect and its commit, where a kill forces a re-run
            return StepResult(step.Number);
        })
        .AddOrchestratorFunc<int, int>(Orchestrator, async (context, steps) =>
        {
            var total = 0;
            for (var i = 0; i < steps; i++)
            {
                if (i == steps / 2)
                {
                    await context.CreateTimer(TimeSpan.FromMilliseconds(100), CancellationToken.None);
                }

                total += await context.CallActivityAsync<int>(Activity, new Step(i));
            }

            return total;
        });

    public sealed record Step(int Number);
}

/// <summary>Appends lines to a file, flushed before the activity returns (at-least-once evidence survives a kill).</summary>
public sealed class SideEffectLog(string path)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(string line)
    {
        await _gate.WaitAsync();
        try
        {
            await File.AppendAllTextAsync(path, line + "\n");
        }
        finally
        {
            _gate.Release();
        }
    }
}
