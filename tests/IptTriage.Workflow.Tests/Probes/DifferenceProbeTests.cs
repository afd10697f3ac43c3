using IptTriage.Workflow.Tests.Hosts;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using P = Microsoft.DurableTask.Protobuf;

namespace IptTriage.Workflow.Tests.Probes;

/// <summary>The probes that found where the project's first, home-made engine differed from Microsoft's executor (issue 9).
/// Each runs on both hosts against one expectation: what Microsoft's host does.</summary>
public sealed class DifferenceProbeTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(1);

    [Theory, BothHosts]
    public async Task An_uncancelled_timer_keeps_the_orchestration_running_until_it_fires(WorkflowHost kind)
    {
        await using var host = await DurableTestHost.StartAsync(kind, tasks => tasks.AddOrchestratorFunc<TimeSpan, string>("LeavesATimer", (context, wait) =>
        {
            // Neither awaited nor cancelled: the orchestrator returns with the timer still outstanding.
            var outstanding = context.CreateTimer(context.CurrentUtcDateTime + wait, CancellationToken.None);
            return Task.FromResult(outstanding.IsCompleted ? "fired" : "returned");
        }));
        var hourLong = await host.Client.ScheduleNewOrchestrationInstanceAsync("LeavesATimer", TimeSpan.FromHours(1));
        var start = host.Clock.GetUtcNow();
        var secondLong = await host.Client.ScheduleNewOrchestrationInstanceAsync("LeavesATimer", Short);

        // An event sent after the orchestrator returned is taken in by a new episode only if the instance is still running.
        await host.Client.WaitForInstanceStartAsync(hourLong);
        await host.Client.RaiseEventAsync(hourLong, "Poke", "after returning");
        await WaitForHistoryAsync(host, hourLong, e => e.EventRaised?.Name == "Poke");
        (await host.Client.GetInstanceAsync(hourLong))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);

        await host.AdvanceToAsync(start + Short);
        var done = await host.CompletionAsync(secondLong);
        (done.RuntimeStatus, done.ReadOutputAs<string>()).Should().Be((OrchestrationRuntimeStatus.Completed, "returned"));
        Shape(await host.HistoryAsync(secondLong)).Should().Equal("ExecutionStarted", "TimerCreated#0", "TimerFired→0", "ExecutionCompleted#1 Completed");
    }

    [Theory, BothHosts]
    public async Task An_event_payload_that_does_not_deserialize_to_the_awaited_type_fails_the_orchestration(WorkflowHost kind)
    {
        await using var host = await DurableTestHost.StartAsync(kind, tasks => tasks.AddOrchestratorFunc<string?, int>("AwaitsANumber",
            (context, _) => context.WaitForExternalEvent<int>("Number")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("AwaitsANumber");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "Number", "not a number");

        var failed = await host.CompletionAsync(id);
        failed.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        failed.FailureDetails!.ErrorType.Should().Be("System.Text.Json.JsonException");
        Shape(await host.HistoryAsync(id)).Should().Equal("ExecutionStarted", "EventRaised Number", "ExecutionCompleted#0 Failed");
    }

    [Theory, BothHosts]
    public async Task Calling_an_unknown_activity_fails_the_call_with_ActivityTaskNotFound(WorkflowHost kind)
    {
        await using var host = await DurableTestHost.StartAsync(kind, tasks => tasks
            .AddOrchestratorFunc<string?, string>("CallsUnknown", async (context, _) =>
            {
                try
                {
                    await context.CallActivityAsync("NoSuchActivity");
                    return "called";
                }
                catch (TaskFailedException failure)
                {
                    return $"{failure.FailureDetails.ErrorType}: {failure.FailureDetails.ErrorMessage}";
                }
            })
            .AddOrchestratorFunc<string?, string>("LetsItFail", async (context, _) =>
            {
                await context.CallActivityAsync("NoSuchActivity");
                return "called";
            }));
        var caught = await host.Client.ScheduleNewOrchestrationInstanceAsync("CallsUnknown");
        var uncaught = await host.Client.ScheduleNewOrchestrationInstanceAsync("LetsItFail");

        (await host.CompletionAsync(caught)).ReadOutputAs<string>().Should().Be("ActivityTaskNotFound: No activity task named 'NoSuchActivity' was found.");
        var failed = await host.CompletionAsync(uncaught);
        failed.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        (failed.FailureDetails!.ErrorType, failed.FailureDetails.InnerFailure?.ErrorType).Should().Be(("Microsoft.DurableTask.TaskFailedException", "ActivityTaskNotFound"));
        Shape(await host.HistoryAsync(caught)).Should().Equal("ExecutionStarted", "TaskScheduled#0 NoSuchActivity", "TaskFailed→0 ActivityTaskNotFound", "ExecutionCompleted#1 Completed");
    }

    [Theory, BothHosts]
    public async Task An_exhausted_retry_ends_with_a_zero_length_timer_before_the_failure(WorkflowHost kind)
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(kind, tasks => tasks
            .AddOrchestratorFunc<string?, string>("Retries", async (context, _) =>
            {
                await context.CallActivityAsync("AlwaysFails", options: TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 2, firstRetryInterval: Short)));
                return "succeeded";
            })
            .AddActivityFunc<string?, string>("AlwaysFails", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                return Task.FromException<string>(new InvalidOperationException("always fails"));
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retries");

        await host.AdvanceToAsync(host.Clock.GetUtcNow() + Short);

        var failed = await host.CompletionAsync(id);
        (failed.RuntimeStatus, failed.FailureDetails!.ErrorType, attempts).Should().Be((OrchestrationRuntimeStatus.Failed, "Microsoft.DurableTask.TaskFailedException", 2));
        var history = await host.HistoryAsync(id);
        Shape(history).Should().Equal(
            "ExecutionStarted",
            "TaskScheduled#0 AlwaysFails", "TaskFailed→0 System.InvalidOperationException", "TimerCreated#1", "TimerFired→1",
            "TaskScheduled#2 AlwaysFails", "TaskFailed→2 System.InvalidOperationException", "TimerCreated#3", "TimerFired→3",
            "ExecutionCompleted#4 Failed");
        // The last timer is due the moment it is created: the retry handler's zero delay once attempts are exhausted.
        var lastTimer = history.Last(e => e.TimerCreated is not null);
        lastTimer.TimerCreated.FireAt.Should().Be(history.TakeWhile(e => e != lastTimer).Last(e => e.OrchestratorStarted is not null).Timestamp);
    }

    /// <summary>The history without the per-episode OrchestratorStarted/Completed markers (how events are batched into
    /// episodes depends on timing): each event's kind and number, what it answers, and its name or outcome.</summary>
    private static List<string> Shape(IReadOnlyList<P.HistoryEvent> history) =>
    [
        .. history.Where(e => e.OrchestratorStarted is null && e.OrchestratorCompleted is null).Select(e => e.EventTypeCase switch
        {
            P.HistoryEvent.EventTypeOneofCase.ExecutionStarted => "ExecutionStarted",
            P.HistoryEvent.EventTypeOneofCase.TaskScheduled => $"TaskScheduled#{e.EventId} {e.TaskScheduled.Name}",
            P.HistoryEvent.EventTypeOneofCase.TaskFailed => $"TaskFailed→{e.TaskFailed.TaskScheduledId} {e.TaskFailed.FailureDetails.ErrorType}",
            P.HistoryEvent.EventTypeOneofCase.TimerCreated => $"TimerCreated#{e.EventId}",
            P.HistoryEvent.EventTypeOneofCase.TimerFired => $"TimerFired→{e.TimerFired.TimerId}",
            P.HistoryEvent.EventTypeOneofCase.EventRaised => $"EventRaised {e.EventRaised.Name}",
            P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted => $"ExecutionCompleted#{e.EventId} {e.ExecutionCompleted.OrchestrationStatus.ToString().Replace("OrchestrationStatus", "")}",
            _ => e.EventTypeCase.ToString(),
        }),
    ];

    private static async Task WaitForHistoryAsync(DurableTestHost host, string id, Func<P.HistoryEvent, bool> recorded)
    {
        using var guard = new CancellationTokenSource(DurableTestHost.HangGuard);
        while (!(await host.HistoryAsync(id)).Any(recorded)) await Task.Delay(10, guard.Token);
    }
}
