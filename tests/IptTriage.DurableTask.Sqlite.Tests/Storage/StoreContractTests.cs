using IptTriage.DurableTask.Sqlite.History;
using IptTriage.DurableTask.Sqlite.Storage;

namespace IptTriage.DurableTask.Sqlite.Tests.Storage;

/// <summary>The store semantics the engine relies on, checked for every store.</summary>
public abstract class StoreContractTests(IStoreSource stores) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc);
    private IOrchestrationStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = stores.Open();
        await _store.OpenAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        stores.Dispose();
    }

    [Fact]
    public async Task Creating_an_existing_instance_changes_nothing()
    {
        (await Write(Create("a", messageId: 1, input: "\"first\""))).Should().BeTrue();
        (await Write(Create("a", messageId: 2, input: "\"second\""))).Should().BeFalse();

        (await _store.GetInstanceAsync("a", true, CancellationToken.None))!.Input.Should().Be("\"first\"");
        (await ReopenAsync()).Messages.Select(m => m.Id).Should().Equal(1);
    }

    [Fact]
    public async Task Messages_for_finished_or_unknown_instances_are_not_queued()
    {
        await Write(Create("a", messageId: 1));
        await Write(Finish("a", consumed: [1]));

        (await Write(new EnqueueMessageWrite(Message(2, "a")))).Should().BeFalse();
        (await Write(new EnqueueMessageWrite(Message(3, "nobody")))).Should().BeFalse();
        (await ReopenAsync()).Messages.Should().BeEmpty();
    }

    [Fact]
    public async Task An_episode_cannot_append_a_step_twice_and_a_failed_write_changes_nothing()
    {
        await Write(Create("a", messageId: 1));
        await Write(Episode("a", firstSequence: 0, consumed: [1], activityId: 10));

        var replayedStep = () => Write(Episode("a", firstSequence: 0, consumed: [], activityId: 11));

        await replayedStep.Should().ThrowAsync<Exception>();
        (await _store.GetHistoryAsync("a", CancellationToken.None)).Should().HaveCount(2);
        (await ReopenAsync()).Activities.Select(a => a.Id).Should().Equal(10);
    }

    [Fact]
    public async Task Concurrent_writes_commit_independently_when_one_of_them_fails()
    {
        await Write(Create("a", messageId: 1));
        await Write(Episode("a", firstSequence: 0, consumed: [1], activityId: 10));

        var writes = new[]
        {
            Write(Create("b", messageId: 2)),
            Write(Episode("a", firstSequence: 0, consumed: [], activityId: 11)),
            Write(Create("c", messageId: 3)),
        };
        var conflicting = () => writes[1];

        (await writes[0]).Should().BeTrue();
        await conflicting.Should().ThrowAsync<Exception>();
        (await writes[2]).Should().BeTrue();
        (await ReopenAsync()).Messages.Select(m => m.InstanceId).Should().Equal("b", "c");
    }

    [Fact]
    public async Task An_activity_result_replaces_its_work_item_in_one_step()
    {
        await Write(Create("a", messageId: 1));
        await Write(Episode("a", firstSequence: 0, consumed: [1], activityId: 10));

        var result = Message(20, "a", HistoryEvents.TaskCompleted(Now, 0, "42"));
        (await Write(new ActivityResultWrite(10, result))).Should().BeTrue();

        var pending = await ReopenAsync();
        pending.Activities.Should().BeEmpty();
        pending.Messages.Should().ContainSingle().Which.Event.Should().Be(result.Event);
        pending.MaxId.Should().Be(20);
    }

    [Fact]
    public async Task Only_finished_instances_are_purged_with_their_history()
    {
        await Write(Create("running", messageId: 1));
        await Write(Create("done", messageId: 2));
        await Write(Finish("done", consumed: [2]));

        (await Write(new PurgeInstanceWrite("running"))).Should().BeFalse();
        (await Write(new PurgeInstanceWrite("done"))).Should().BeTrue();

        (await _store.GetInstanceAsync("done", false, CancellationToken.None)).Should().BeNull();
        (await _store.GetHistoryAsync("done", CancellationToken.None)).Should().BeEmpty();
        (await _store.GetInstanceAsync("running", false, CancellationToken.None)).Should().NotBeNull();
    }

    [Fact]
    public async Task Queries_page_through_matches_in_creation_order()
    {
        for (var i = 0; i < 7; i++)
        {
            await Write(Create($"q-{i}", messageId: i + 1, createdAt: Now.AddMinutes(-i)));
        }

        await Write(Create("other", messageId: 100));
        var ids = new List<string>();
        var query = new OrchestrationQuery { InstanceIdPrefix = "q-", PageSize = 3 };
        do
        {
            var page = await _store.QueryInstancesAsync(query, CancellationToken.None);
            page.Instances.Should().HaveCountLessThanOrEqualTo(3);
            ids.AddRange(page.Instances.Select(i => i.InstanceId));
            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);

        ids.Should().Equal("q-6", "q-5", "q-4", "q-3", "q-2", "q-1", "q-0");
        var none = await _store.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed] }, CancellationToken.None);
        none.Instances.Should().BeEmpty();
    }

    private Task<bool> Write(StoreWrite write) => _store.WriteAsync(write, CancellationToken.None);

    private async Task<PendingWork> ReopenAsync()
    {
        await _store.DisposeAsync();
        _store = stores.Open();
        return await _store.OpenAsync(CancellationToken.None);
    }

    private static CreateInstanceWrite Create(string id, long messageId, string? input = null, DateTime? createdAt = null) => new(
        new InstanceRecord(id, "Flow", OrchestrationRuntimeStatus.Pending, createdAt ?? Now, createdAt ?? Now, input, null, null, null),
        Message(messageId, id, HistoryEvents.ExecutionStarted(Now, id, "execution-1", "Flow", input)));

    private static EpisodeWrite Episode(string id, int firstSequence, IReadOnlyList<long> consumed, long activityId) => new(
        id, firstSequence, [HistoryEvents.OrchestratorStarted(Now), HistoryEvents.TaskScheduled(Now, 0, new P.ScheduleTaskAction { Name = "Act" })],
        new InstanceUpdate(OrchestrationRuntimeStatus.Running, Now, null, null, null), consumed, [],
        [new ActivityWorkItem(activityId, id, 0, "Act", null)]);

    private static EpisodeWrite Finish(string id, IReadOnlyList<long> consumed) => new(
        id, 0, [HistoryEvents.OrchestratorStarted(Now), HistoryEvents.ExecutionCompleted(Now, P.OrchestrationStatus.Completed, "1", null)],
        new InstanceUpdate(OrchestrationRuntimeStatus.Completed, Now, "1", null, null), consumed, [], []);

    private static QueuedMessage Message(long id, string instanceId, P.HistoryEvent? historyEvent = null) =>
        new(id, instanceId, Now, historyEvent ?? HistoryEvents.EventRaised(Now, "E", null));
}

public sealed class SqliteStoreContractTests() : StoreContractTests(new SqliteStoreSource());
