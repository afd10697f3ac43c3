using IptTriage.Durable.Core.History;
using IptTriage.Durable.Core.Replay;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.Durable.Tests.Replay;

/// <summary>The replay executor on hand-written histories: no store, no threads.</summary>
public sealed class OrchestrationExecutorTests
{
    private static readonly DateTime T0 = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private static readonly ExecutionStartedEvent Started = new(T0, "Flow", "\"in\"");

    [Fact]
    public void A_first_episode_schedules_the_first_activity_and_nothing_else()
    {
        var outcome = Run(TwoActivities, [], [new OrchestratorStartedEvent(T0), Started]);

        outcome.Completion.Should().BeNull();
        outcome.NewActions.Should().Equal(new TaskScheduledEvent(T0, 0, "First", "\"in\""));
    }

    [Fact]
    public void Replaying_a_recorded_step_does_not_schedule_it_again()
    {
        var t1 = T0.AddMinutes(1);
        IReadOnlyList<HistoryEvent> past = [new OrchestratorStartedEvent(T0), Started, new TaskScheduledEvent(T0, 0, "First", "\"in\"")];

        var outcome = Run(TwoActivities, past, [new OrchestratorStartedEvent(t1), new TaskCompletedEvent(t1, 0, "\"a\"")]);

        outcome.NewActions.Should().Equal(new TaskScheduledEvent(t1, 1, "Second", "\"a\""));
    }

    [Fact]
    public void A_result_for_a_step_the_code_never_asked_for_is_non_deterministic()
    {
        IReadOnlyList<HistoryEvent> past = [new OrchestratorStartedEvent(T0), Started, new TaskScheduledEvent(T0, 0, "First", "\"in\"")];

        var outcome = Run(TwoActivities, past, [new OrchestratorStartedEvent(T0), new TaskCompletedEvent(T0, 7, "\"x\"")]);

        outcome.Completion!.Status.Should().Be(OrchestrationRuntimeStatus.Failed);
        outcome.Completion.FailureDetails!.ErrorType.Should().Be(typeof(NonDeterministicOrchestrationException).FullName);
        outcome.Completion.FailureDetails.ErrorMessage.Should().Be(
            "Non-deterministic orchestration: step 7 has a result in the history, but the orchestrator code did not ask for that step.");
    }

    [Fact]
    public void A_timer_in_the_history_where_the_code_now_calls_an_activity_is_non_deterministic()
    {
        IReadOnlyList<HistoryEvent> past = [new OrchestratorStartedEvent(T0), Started, new TimerCreatedEvent(T0, 0, T0.AddHours(1))];

        var outcome = Run(TwoActivities, past, [new OrchestratorStartedEvent(T0)]);

        outcome.Completion!.FailureDetails!.ErrorMessage.Should().Be(
            "Non-deterministic orchestration: step 0 in the history is a timer, but the orchestrator code asked for activity 'First'.");
    }

    [Fact]
    public void Is_replaying_is_true_only_for_recorded_events_and_the_clock_comes_from_the_history()
    {
        var seen = new List<(bool Replaying, DateTime Now)>();
        var orchestrator = new Recorder(async context =>
        {
            seen.Add((context.IsReplaying, context.CurrentUtcDateTime));
            await context.CallActivityAsync<string>("First");
            seen.Add((context.IsReplaying, context.CurrentUtcDateTime));
            return "done";
        });
        var t1 = T0.AddDays(1);
        IReadOnlyList<HistoryEvent> past = [new OrchestratorStartedEvent(T0), Started, new TaskScheduledEvent(T0, 0, "First", null)];

        var outcome = Run(orchestrator, past, [new OrchestratorStartedEvent(t1), new TaskCompletedEvent(t1, 0, "\"a\"")]);

        outcome.Completion!.Result.Should().Be("\"done\"");
        seen.Should().Equal((true, T0), (false, t1));
    }

    [Fact]
    public void A_timer_time_without_a_kind_is_taken_as_utc()
    {
        var fireAt = DateTime.SpecifyKind(T0.AddHours(2), DateTimeKind.Unspecified);
        var orchestrator = new Recorder(async context =>
        {
            await context.CreateTimer(fireAt, CancellationToken.None);
            return "done";
        });

        var outcome = Run(orchestrator, [], [new OrchestratorStartedEvent(T0), Started]);

        var timer = outcome.NewActions.Should().ContainSingle().Which.Should().BeOfType<TimerCreatedEvent>().Subject;
        timer.FireAt.Should().Be(T0.AddHours(2));
        timer.FireAt.Kind.Should().Be(DateTimeKind.Utc);
    }

    [Fact]
    public void New_guids_repeat_on_replay_and_differ_between_calls()
    {
        var guids = new List<Guid>();
        var orchestrator = new Recorder(context =>
        {
            guids.Add(context.NewGuid());
            guids.Add(context.NewGuid());
            return Task.FromResult("done");
        });

        Run(orchestrator, [], [new OrchestratorStartedEvent(T0), Started]);
        Run(orchestrator, [], [new OrchestratorStartedEvent(T0), Started]);

        guids[0].Should().NotBe(guids[1]);
        guids.Skip(2).Should().Equal(guids.Take(2));
    }

    private static readonly Recorder TwoActivities = new(async context =>
    {
        var first = await context.CallActivityAsync<string>("First", context.GetInput<string>());
        return await context.CallActivityAsync<string>("Second", first);
    });

    private static EpisodeOutcome Run(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> newEvents) =>
        OrchestrationExecutor.Execute(orchestrator, "instance-1", Started, past, newEvents, JsonDataConverter.Default, NullLoggerFactory.Instance);

    private sealed class Recorder(Func<TaskOrchestrationContext, Task<string>> run) : TaskOrchestrator<string?, string>
    {
        public override Task<string> RunAsync(TaskOrchestrationContext context, string? input) => run(context);
    }
}
