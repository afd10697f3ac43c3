namespace IptTriage.DurableTask.Sqlite.Tests.Engine;

/// <summary><c>SendEvent</c>: an orchestration raising an event on another instance, committed with the sender's
/// episode; an event for an instance that is missing or finished is dropped, as Durable Functions drops it.</summary>
public sealed class SendEventTests : IDisposable
{
    private readonly SqliteStoreSource _stores = new();

    public void Dispose() => _stores.Dispose();

    private static void Register(DurableTaskRegistry tasks) => tasks
        .AddOrchestratorFunc<string, string>("Sender", async (context, target) =>
        {
            context.SendEvent(target, "Ping", new Ping("from " + context.InstanceId));
            // A step after the send, so the sender's history shows the send replayed rather than repeated.
            return await context.CallActivityAsync<string>("Echo", "sent");
        })
        .AddOrchestratorFunc<string?, string>("Receiver", async (context, _) => (await context.WaitForExternalEvent<Ping>("Ping")).Text)
        .AddActivityFunc<string, string>("Echo", (_, text) => Task.FromResult(text));

    [Fact]
    public async Task An_event_sent_by_one_orchestration_is_delivered_to_the_waiting_instance_and_recorded_in_the_senders_history()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), Register);
        var receiver = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", input: null, new StartOrchestrationOptions("receiver"));
        await engine.Client.WaitForInstanceStartAsync(receiver);

        var sender = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver, new StartOrchestrationOptions("sender"));

        (await engine.WaitForCompletionAsync(sender)).ReadOutputAs<string>().Should().Be("sent");
        (await engine.WaitForCompletionAsync(receiver)).ReadOutputAs<string>().Should().Be("from sender");
        var sent = (await engine.HistoryAsync(sender)).Of(EventSent).Should().ContainSingle().Subject;
        sent.EventId.Should().Be(0, "the SendEvent action is the orchestration's first numbered step");
        sent.EventSent.InstanceId.Should().Be(receiver);
        sent.EventSent.Name.Should().Be("Ping");
        (await engine.HistoryAsync(sender)).Of(TaskScheduled).Single().EventId.Should().Be(1);
        (await engine.HistoryAsync(receiver)).Of(EventRaised).Should().ContainSingle().Which.EventRaised.Name.Should().Be("Ping");
    }

    [Fact]
    public async Task An_event_for_a_missing_instance_is_dropped_and_the_sender_goes_on()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), Register);

        var sender = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Sender", "nobody", new StartOrchestrationOptions("sender"));

        var done = await engine.WaitForCompletionAsync(sender);
        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        (await engine.Client.GetInstanceAsync("nobody")).Should().BeNull("a sent event does not create an instance");
        await AssertNothingLeftQueuedAsync(engine);
    }

    [Fact]
    public async Task An_event_for_a_finished_instance_is_dropped_and_changes_nothing()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), Register);
        var receiver = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", input: null, new StartOrchestrationOptions("receiver"));
        await engine.Client.RaiseEventAsync(receiver, "Ping", new Ping("first"));
        await engine.WaitForCompletionAsync(receiver);
        var before = await engine.HistoryAsync(receiver);

        var sender = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver, new StartOrchestrationOptions("sender"));

        (await engine.WaitForCompletionAsync(sender)).RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        (await engine.WaitForCompletionAsync(receiver)).ReadOutputAs<string>().Should().Be("first");
        (await engine.HistoryAsync(receiver)).Should().HaveCount(before.Count);
        await AssertNothingLeftQueuedAsync(engine);
    }

    [Fact]
    public async Task A_sent_event_is_delivered_once_although_the_sender_replays_after_a_restart()
    {
        const string receiver = "receiver";
        await using (var first = await TestEngine.StartAsync(_stores.Open(), RegisterCounting))
        {
            await first.Client.ScheduleNewOrchestrationInstanceAsync("Counter", input: null, new StartOrchestrationOptions(receiver));
            await first.Client.ScheduleNewOrchestrationInstanceAsync("SendThenWait", receiver, new StartOrchestrationOptions("sender"));
            await first.WaitForHistoryAsync(receiver, history => history.Of(EventRaised).Any());
        }

        // A new engine over the same file: the sender's history is replayed from the store (no session survives).
        await using var second = await TestEngine.StartAsync(_stores.Open(), RegisterCounting);
        await second.Client.RaiseEventAsync("sender", "Go", "now");
        await second.WaitForCompletionAsync("sender");
        await second.Client.RaiseEventAsync(receiver, "Stop", "now");

        (await second.WaitForCompletionAsync(receiver)).ReadOutputAs<int>().Should().Be(1);
        (await second.HistoryAsync("sender")).Of(EventSent).Should().ContainSingle();
    }

    private static void RegisterCounting(DurableTaskRegistry tasks) => tasks
        .AddOrchestratorFunc<string?, int>("Counter", async (context, _) =>
        {
            // Counts pings until the test says stop.
            var count = 0;
            var stop = context.WaitForExternalEvent<string>("Stop");
            for (var i = 0; i < 10; i++)
            {
                if (await Task.WhenAny(context.WaitForExternalEvent<Ping>("Ping"), stop) == stop) return count;
                count++;
            }
            return count;
        })
        .AddOrchestratorFunc<string, string>("SendThenWait", async (context, target) =>
        {
            context.SendEvent(target, "Ping", new Ping("once"));
            return await context.WaitForExternalEvent<string>("Go");
        });

    /// <summary>Stops the engine and reads what its store has left to do: nothing may wait for a dropped event.</summary>
    private async Task AssertNothingLeftQueuedAsync(TestEngine engine)
    {
        await engine.DisposeAsync();
        await using var store = _stores.Open();
        var leftover = await store.OpenAsync(CancellationToken.None);
        leftover.Messages.Should().BeEmpty();
        leftover.Activities.Should().BeEmpty();
    }

    private sealed record Ping(string Text);
}
