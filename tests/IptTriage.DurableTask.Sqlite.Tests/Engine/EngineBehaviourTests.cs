using System.Collections.Concurrent;

namespace IptTriage.DurableTask.Sqlite.Tests.Engine;

/// <summary>Engine behaviour, run against every store (see the subclasses at the end of the file).</summary>
public abstract class EngineBehaviourTests(IStoreSource stores) : IDisposable
{
    private static readonly RetryPolicy ThreeAttempts = new(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2.0);

    public void Dispose()
    {
        stores.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_sequence_passes_each_result_to_the_next_activity()
    {
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<string, string>("Append", (_, text) => Task.FromResult(text + "+"))
            .AddOrchestratorFunc<string, string>("Chain", async (context, text) =>
            {
                for (var i = 0; i < 3; i++)
                {
                    text = await context.CallActivityAsync<string>("Append", text);
                }

                return text;
            }));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "x");
        var done = await engine.WaitForCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().Should().Be("x+++");
        var history = await engine.HistoryAsync(id);
        history.Of(TaskScheduled).Select(e => e.EventId).Should().Equal(0, 1, 2);
        history.Of(ExecutionCompleted).Should().ContainSingle();
    }

    [Fact]
    public async Task Fan_out_then_fan_in_collects_every_result()
    {
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<int, int>("Square", (_, n) => Task.FromResult(n * n))
            .AddOrchestratorFunc<int, int>("SumOfSquares", async (context, count) =>
            {
                var squares = await Task.WhenAll(Enumerable.Range(1, count).Select(n => context.CallActivityAsync<int>("Square", n)));
                return squares.Sum();
            }));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("SumOfSquares", 20);
        var done = await engine.WaitForCompletionAsync(id);

        done.ReadOutputAs<int>().Should().Be(Enumerable.Range(1, 20).Sum(n => n * n));
        (await engine.HistoryAsync(id)).Of(TaskCompleted).Should().HaveCount(20);
    }

    [Fact]
    public async Task A_failing_activity_is_retried_with_backoff_until_it_succeeds()
    {
        var attempts = 0;
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<string, string>("Flaky", (_, input) =>
                Interlocked.Increment(ref attempts) < 3 ? throw new IOException("mail server unavailable") : Task.FromResult(input + " sent"))
            .AddOrchestratorFunc<string, string>("Send", (context, input) =>
                context.CallActivityAsync<string>("Flaky", input, TaskOptions.FromRetryPolicy(ThreeAttempts))));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Send", "letter");
        var done = await engine.AdvanceUntilCompletedAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().Should().Be("letter sent");
        attempts.Should().Be(3);
        var history = await engine.HistoryAsync(id);
        var waits = history.Of(TimerCreated).Select(t => t.TimerCreated.FireAt.ToDateTime() - t.Timestamp.ToDateTime());
        waits.Should().Equal(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task When_retries_are_exhausted_the_failure_is_visible_in_the_status()
    {
        var attempts = 0;
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<string, string>("AlwaysFails", (_, _) =>
            {
                Interlocked.Increment(ref attempts);
                return Task.FromException<string>(new IOException("mail server unavailable"));
            })
            .AddOrchestratorFunc<string, string>("Send", (context, input) =>
                context.CallActivityAsync<string>("AlwaysFails", input, TaskOptions.FromRetryPolicy(ThreeAttempts))));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Send", "letter");
        var done = await engine.AdvanceUntilCompletedAsync(id);

        attempts.Should().Be(3);
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.Should().Be(typeof(TaskFailedException).FullName);
        done.FailureDetails.ErrorMessage.Should().Contain("AlwaysFails");
        done.FailureDetails.InnerFailure!.ErrorType.Should().Be(typeof(IOException).FullName);
        done.FailureDetails.InnerFailure.ErrorMessage.Should().Be("mail server unavailable");
        done.FailureDetails.IsCausedBy<TaskFailedException>().Should().BeTrue();
    }

    [Fact]
    public async Task An_event_that_beats_the_timer_wins_and_the_cancelled_timer_leaves_no_trace()
    {
        await using var engine = await StartAsync(RegisterReviewRace);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Review");
        await engine.Client.WaitForInstanceStartAsync(id);
        await engine.WaitForHistoryAsync(id, h => h.Of(TimerCreated).Any());

        await engine.Client.RaiseEventAsync(id, "Reviewed", "accept");
        var done = await engine.WaitForCompletionAsync(id);
        engine.Clock.Advance(TimeSpan.FromDays(2)); // the cancelled timer fires into a finished instance

        done.ReadOutputAs<string>().Should().Be("reviewed: accept");
        (await engine.Client.GetInstanceAsync(id))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task A_timer_that_beats_the_event_wins_and_a_late_event_is_discarded()
    {
        await using var engine = await StartAsync(RegisterReviewRace);
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Review");

        var done = await engine.AdvanceUntilCompletedAsync(id);
        await engine.Client.RaiseEventAsync(id, "Reviewed", "too late");

        done.ReadOutputAs<string>().Should().Be("timed out");
        var timer = (await engine.HistoryAsync(id)).Of(TimerCreated).Single();
        timer.TimerCreated.FireAt.ToDateTime().Should().Be(timer.Timestamp.ToDateTime() + TimeSpan.FromDays(1));
        (await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!.ReadOutputAs<string>().Should().Be("timed out");
    }

    [Fact]
    public async Task Waiting_with_a_timeout_cancels_the_wait_like_durable_functions()
    {
        await using var engine = await StartAsync(tasks => tasks.AddOrchestratorFunc<string?, string>("Wait", async (context, _) =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("Reply", TimeSpan.FromHours(4));
            }
            catch (TaskCanceledException)
            {
                return "no reply";
            }
        }));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        var done = await engine.AdvanceUntilCompletedAsync(id);

        done.ReadOutputAs<string>().Should().Be("no reply");
    }

    [Fact]
    public async Task Events_raised_before_the_wait_are_kept_and_delivered_in_order()
    {
        await using var engine = await StartAsync(tasks => tasks.AddOrchestratorFunc<string?, string>("LateListener", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            var first = await context.WaitForExternalEvent<string>("Reply");
            var second = await context.WaitForExternalEvent<string>("reply"); // event names ignore case
            return first + "," + second;
        }));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("LateListener");
        await engine.WaitForHistoryAsync(id, h => h.Of(TimerCreated).Any());

        await engine.Client.RaiseEventAsync(id, "Reply", "one");
        await engine.Client.RaiseEventAsync(id, "REPLY", "two");
        await engine.WaitForHistoryAsync(id, h => h.Of(EventRaised).Count() == 2);
        var done = await engine.AdvanceUntilCompletedAsync(id);

        done.ReadOutputAs<string>().Should().Be("one,two");
    }

    [Fact]
    public async Task Starting_an_existing_instance_id_is_refused_and_leaves_the_instance_alone()
    {
        var runs = 0;
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<string, string>("Act", (_, input) =>
            {
                Interlocked.Increment(ref runs);
                return Task.FromResult(input);
            })
            .AddOrchestratorFunc<string, string>("Once", (context, input) => context.CallActivityAsync<string>("Act", input)));
        var options = new StartOrchestrationOptions("referral-42");

        var first = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Once", "first", options);
        var again = () => engine.Client.ScheduleNewOrchestrationInstanceAsync("Once", "second", options);
        await again.Should().ThrowAsync<global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>();
        var done = await engine.WaitForCompletionAsync("referral-42");
        await again.Should().ThrowAsync<global::DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException>("a finished instance is not restarted either");

        first.Should().Be("referral-42");
        done.ReadInputAs<string>().Should().Be("first");
        done.ReadOutputAs<string>().Should().Be("first");
        runs.Should().Be(1);
        (await engine.HistoryAsync("referral-42")).Of(ExecutionStarted).Should().ContainSingle();
    }

    [Fact]
    public async Task Terminating_ends_a_waiting_instance_and_later_events_are_ignored()
    {
        await using var engine = await StartAsync(tasks => tasks.AddOrchestratorFunc<string?, string>("Forever", (context, _) =>
            context.WaitForExternalEvent<string>("Never")));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        await engine.Client.WaitForInstanceStartAsync(id);

        await engine.Client.TerminateInstanceAsync(id, "withdrawn by clinic");
        var done = await engine.WaitForCompletionAsync(id);
        await engine.Client.RaiseEventAsync(id, "Never", "x");

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Terminated);
        done.ReadOutputAs<string>().Should().Be("withdrawn by clinic");
        var history = await engine.HistoryAsync(id);
        history.Of(ExecutionTerminated).Should().ContainSingle();
        history.Of(EventRaised).Should().BeEmpty();
    }

    [Fact]
    public async Task Custom_status_is_visible_while_running_and_after_completion()
    {
        await using var engine = await StartAsync(tasks => tasks.AddOrchestratorFunc<string?, string>("Stages", async (context, _) =>
        {
            context.SetCustomStatus(new StageStatus("awaiting-review"));
            var decision = await context.WaitForExternalEvent<string>("Reviewed");
            context.SetCustomStatus(new StageStatus("done"));
            return decision;
        }));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Stages");
        var running = await engine.Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true);

        await engine.Client.RaiseEventAsync(id, "Reviewed", "accept");
        var done = await engine.WaitForCompletionAsync(id);

        running.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running);
        running.ReadCustomStatusAs<StageStatus>()!.Stage.Should().Be("awaiting-review");
        done.ReadCustomStatusAs<StageStatus>()!.Stage.Should().Be("done");
    }

    [Fact]
    public async Task A_thousand_concurrent_instances_all_complete()
    {
        var executions = new ConcurrentDictionary<string, int>();
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<string, string>("Echo", (context, input) =>
            {
                executions.AddOrUpdate(context.InstanceId, 1, (_, n) => n + 1);
                return Task.FromResult(input);
            })
            .AddOrchestratorFunc<string, string>("Pair", async (context, input) =>
                await context.CallActivityAsync<string>("Echo", input) + await context.CallActivityAsync<string>("Echo", input)));

        var ids = await Task.WhenAll(Enumerable.Range(0, 1000).Select(i =>
            engine.Client.ScheduleNewOrchestrationInstanceAsync("Pair", $"{i}", new StartOrchestrationOptions($"bulk-{i:D4}"))));
        var results = await Task.WhenAll(ids.Select(engine.WaitForCompletionAsync));

        results.Should().OnlyContain(r => r.RuntimeStatus == OrchestrationRuntimeStatus.Completed);
        results.Select(r => r.ReadOutputAs<string>()).Should().Equal(Enumerable.Range(0, 1000).Select(i => $"{i}{i}"));
        executions.Should().HaveCount(1000).And.OnlyContain(e => e.Value == 2);
        engine.Engine.Counters.ActivityExecutions.Should().Be(2000);
        var completed = await engine.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix = "bulk-", PageSize = 128,
        }).CountAsync();
        completed.Should().Be(1000);
    }

    [Fact]
    public async Task Replaying_changed_code_fails_the_instance_with_a_non_determinism_error_naming_the_step()
    {
        static Action<DurableTaskRegistry> Version(string firstActivity) => tasks => tasks
            .AddActivityFunc<string, string>("NotifyClinic", (_, x) => Task.FromResult(x))
            .AddActivityFunc<string, string>("NotifyPatient", (_, x) => Task.FromResult(x))
            .AddOrchestratorFunc<string?, string>("Notify", async (context, _) =>
            {
                await context.CallActivityAsync<string>(firstActivity, "x");
                return await context.WaitForExternalEvent<string>("Go");
            });
        string id;
        await using (var first = await StartAsync(Version("NotifyClinic")))
        {
            id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Notify");
            await first.WaitForHistoryAsync(id, h => h.Of(TaskCompleted).Any());
        }

        await using var changed = await StartAsync(Version("NotifyPatient"));
        await changed.Client.RaiseEventAsync(id, "Go", "now");
        var done = await changed.WaitForCompletionAsync(id);

        // Microsoft's executor detects the change and names the step the history holds.
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.Should().Contain("NonDeterministic");
        done.FailureDetails.ErrorMessage.Should().Contain("NotifyClinic");
    }

    [Fact]
    public async Task A_timer_set_before_a_restart_fires_after_it()
    {
        var clock = new FakeTimeProvider();
        Action<DurableTaskRegistry> register = tasks => tasks.AddOrchestratorFunc<string?, DateTime>("Remind", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
            return context.CurrentUtcDateTime;
        });
        string id;
        await using (var before = await StartAsync(register, clock))
        {
            id = await before.Client.ScheduleNewOrchestrationInstanceAsync("Remind");
            await before.WaitForHistoryAsync(id, h => h.Of(TimerCreated).Any());
        }

        await using var after = await StartAsync(register, clock);
        var done = await after.AdvanceUntilCompletedAsync(id);

        done.ReadOutputAs<DateTime>().Should().BeOnOrAfter(clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1));
        done.ReadOutputAs<DateTime>().Should().Be(done.CreatedAt.UtcDateTime + TimeSpan.FromDays(3));
    }

    [Fact]
    public async Task Clients_may_schedule_and_raise_events_after_a_restart_before_the_workers_start()
    {
        Action<DurableTaskRegistry> register = tasks => tasks.AddOrchestratorFunc<string?, string>("TimerThenEvent", async (context, _) =>
        {
            await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            return await context.WaitForExternalEvent<string>("Go");
        });
        var clock = new FakeTimeProvider();
        string waiting;
        await using (var before = await TestEngine.StartAsync(stores.Open(), register, clock))
        {
            waiting = await before.Client.ScheduleNewOrchestrationInstanceAsync("TimerThenEvent");
            await before.WaitForHistoryAsync(waiting, h => h.Of(TimerCreated).Any());
        }

        await using var after = await TestEngine.StartAsync(stores.Open(), register, clock, start: false);
        var fresh = await after.Client.ScheduleNewOrchestrationInstanceAsync("TimerThenEvent");
        await after.Client.RaiseEventAsync(waiting, "Go", "first");
        await after.Client.RaiseEventAsync(fresh, "Go", "second");
        await after.Worker.StartAsync(CancellationToken.None);

        (await after.AdvanceUntilCompletedAsync(waiting)).ReadOutputAs<string>().Should().Be("first");
        (await after.AdvanceUntilCompletedAsync(fresh)).ReadOutputAs<string>().Should().Be("second");
    }

    [Fact]
    public async Task New_guids_are_the_same_on_every_replay()
    {
        var seen = new ConcurrentBag<Guid>();
        await using var engine = await StartAsync(tasks => tasks
            .AddActivityFunc<Guid, Guid>("Record", (_, guid) =>
            {
                seen.Add(guid);
                return Task.FromResult(guid);
            })
            .AddOrchestratorFunc<string?, Guid[]>("Ids", async (context, _) =>
            {
                var first = context.NewGuid();
                await context.CallActivityAsync<Guid>("Record", first);
                return [first, context.NewGuid(), await context.CallActivityAsync<Guid>("Record", context.NewGuid())];
            }));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Ids");
        var guids = (await engine.WaitForCompletionAsync(id)).ReadOutputAs<Guid[]>()!;

        guids.Should().OnlyHaveUniqueItems();
        seen.Should().Contain(guids[0]);
        guids.Should().OnlyContain(g => g.Version == 5);
    }

    [Fact]
    public async Task Queries_filter_by_status_and_creation_time_and_purge_removes_finished_instances()
    {
        await using var engine = await StartAsync(tasks => tasks
            .AddOrchestratorFunc<string?, string>("Quick", (_, _) => Task.FromResult("ok"))
            .AddOrchestratorFunc<string?, string>("Waits", (context, _) => context.WaitForExternalEvent<string>("Never")));
        var early = engine.Clock.GetUtcNow();
        var quick = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Quick");
        await engine.WaitForCompletionAsync(quick);
        engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var waiting = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await engine.Client.WaitForInstanceStartAsync(waiting);

        var running = await engine.Client.GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] })
            .Select(m => m.InstanceId).ToListAsync();
        var createdEarly = await engine.Client.GetAllInstancesAsync(new OrchestrationQuery { CreatedTo = early + TimeSpan.FromMinutes(1) })
            .Select(m => m.InstanceId).ToListAsync();
        var purgedRunning = await engine.Client.PurgeInstanceAsync(waiting);
        var purgedDone = await engine.Client.PurgeInstanceAsync(quick);

        running.Should().Equal(waiting);
        createdEarly.Should().Equal(quick);
        purgedRunning.PurgedInstanceCount.Should().Be(0);
        purgedDone.PurgedInstanceCount.Should().Be(1);
        (await engine.Client.GetInstanceAsync(quick)).Should().BeNull();
        (await engine.HistoryAsync(quick)).Should().BeEmpty();
    }

    [Fact]
    public async Task Purging_by_filter_removes_only_finished_instances_created_in_the_window()
    {
        await using var engine = await StartAsync(tasks => tasks
            .AddOrchestratorFunc<string?, string>("Quick", (_, _) => Task.FromResult("ok"))
            .AddOrchestratorFunc<string?, string>("Waits", (context, _) => context.WaitForExternalEvent<string>("Never")));
        var old = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Quick");
        var oldRunning = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Waits");
        await engine.WaitForCompletionAsync(old);
        await engine.Client.WaitForInstanceStartAsync(oldRunning);
        engine.Clock.Advance(TimeSpan.FromDays(400));
        var recent = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Quick");
        await engine.WaitForCompletionAsync(recent);

        var result = await engine.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedTo: engine.Clock.GetUtcNow().AddDays(-365)));

        result.PurgedInstanceCount.Should().Be(1);
        (await engine.Client.GetInstanceAsync(old)).Should().BeNull();
        (await engine.Client.GetInstanceAsync(oldRunning)).Should().NotBeNull();
        (await engine.Client.GetInstanceAsync(recent)).Should().NotBeNull();
    }

    [Fact]
    public async Task An_unregistered_activity_fails_the_call_with_ActivityTaskNotFound_as_Microsofts_worker_does()
    {
        await using var engine = await StartAsync(tasks => tasks.AddOrchestratorFunc<string?, string>("CallsNothing", (context, _) =>
            context.CallActivityAsync<string>("Missing")));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("CallsNothing");
        var done = await engine.WaitForCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.InnerFailure!.ErrorType.Should().Be("ActivityTaskNotFound");
        done.FailureDetails.InnerFailure.ErrorMessage.Should().Be("No activity task named 'Missing' was found.");
    }

    [Fact]
    public async Task An_activity_left_running_when_the_stop_times_out_runs_again_after_a_restart()
    {
        var firstRunRelease = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        Action<DurableTaskRegistry> register = tasks => tasks
            .AddActivityFunc<string, string>("Slow", (_, _) =>
                Interlocked.Increment(ref runs) == 1 ? firstRunRelease.Task : Task.FromResult("done"))
            .AddOrchestratorFunc<string?, string>("UsesSlow", (context, _) => context.CallActivityAsync<string>("Slow", "x"));
        var first = await StartAsync(register);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("UsesSlow");
        await first.WaitForHistoryAsync(id, h => h.Of(TaskScheduled).Any());
        using (var guard = new CancellationTokenSource(TestEngine.HangGuard))
        {
            while (Volatile.Read(ref runs) == 0)
            {
                await Task.Delay(5, guard.Token);
            }
        }

        using (var shutdownTimeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50)))
        {
            var stop = () => first.Engine.StopAsync(shutdownTimeout.Token);
            await stop.Should().ThrowAsync<OperationCanceledException>();
        }

        await first.DisposeAsync();
        await using var second = await StartAsync(register);
        var done = await second.WaitForCompletionAsync(id);
        firstRunRelease.SetResult("late");

        done.ReadOutputAs<string>().Should().Be("done");
        runs.Should().Be(2); // at-least-once: the first run never committed a result
    }

    private static void RegisterReviewRace(DurableTaskRegistry tasks) => tasks.AddOrchestratorFunc<string?, string>("Review", async (context, _) =>
    {
        using var cancel = new CancellationTokenSource();
        var timeout = context.CreateTimer(context.CurrentUtcDateTime.AddDays(1), cancel.Token);
        var reviewed = context.WaitForExternalEvent<string>("Reviewed", cancel.Token);
        var winner = await Task.WhenAny(timeout, reviewed);
        cancel.Cancel();
        return winner == reviewed ? "reviewed: " + await reviewed : "timed out";
    });

    private Task<TestEngine> StartAsync(Action<DurableTaskRegistry> register, FakeTimeProvider? clock = null) =>
        TestEngine.StartAsync(stores.Open(), register, clock);

    private sealed record StageStatus(string Stage);
}

public sealed class SqliteEngineTests() : EngineBehaviourTests(new SqliteStoreSource());
