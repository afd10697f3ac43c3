using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Data.Sqlite;

namespace IptTriage.DurableTask.Sqlite.Storage.Sqlite;

/// <summary>
/// The only connection that writes. Writes queue up while a transaction commits and the next transaction takes
/// them all (group commit); each write is still all-or-nothing because a failed group is retried one write at a time.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int Running = (int)OrchestrationRuntimeStatus.Running;
    private const int Pending = (int)OrchestrationRuntimeStatus.Pending;

    private readonly SqliteConnection _connection;
    private readonly int _maxWritesPerTransaction;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new() { SingleReader = true });
    private readonly Task _loop;
    private readonly PreparedCommand _insertInstance;
    private readonly PreparedCommand _insertMessage;
    private readonly PreparedCommand _insertMessageIfActive;
    private readonly PreparedCommand _deleteMessage;
    private readonly PreparedCommand _insertHistory;
    private readonly PreparedCommand _updateInstance;
    private readonly PreparedCommand _insertActivity;
    private readonly PreparedCommand _deleteActivity;
    private readonly PreparedCommand _purgeInstance;
    private readonly PreparedCommand _purgeHistory;
    private readonly PreparedCommand _purgeMessages;

    public SqliteWriter(SqliteConnection connection, int maxWritesPerTransaction)
    {
        _connection = connection;
        _maxWritesPerTransaction = maxWritesPerTransaction;
        _insertInstance = new(connection, """
            INSERT INTO instances (instance_id, name, status, created_at, last_updated_at, input)
            VALUES ($id, $name, $status, $created, $updated, $input) ON CONFLICT (instance_id) DO NOTHING
            """, "$id", "$name", "$status", "$created", "$updated", "$input");
        _insertMessage = new(connection,
            "INSERT INTO messages (id, instance_id, visible_at, event) VALUES ($id, $instance, $visible, $event)",
            "$id", "$instance", "$visible", "$event");
        _insertMessageIfActive = new(connection, $"""
            INSERT INTO messages (id, instance_id, visible_at, event) SELECT $id, $instance, $visible, $event
            WHERE EXISTS (SELECT 1 FROM instances WHERE instance_id = $instance AND status IN ({Running}, {Pending}))
            """, "$id", "$instance", "$visible", "$event");
        _deleteMessage = new(connection, "DELETE FROM messages WHERE id = $id", "$id");
        _insertHistory = new(connection,
            "INSERT INTO history (instance_id, seq, event) VALUES ($instance, $seq, $event)", "$instance", "$seq", "$event");
        _updateInstance = new(connection, """
            UPDATE instances SET status = $status, last_updated_at = $updated, output = $output,
                custom_status = $custom, failure = $failure
            WHERE instance_id = $instance
            """, "$status", "$updated", "$output", "$custom", "$failure", "$instance");
        _insertActivity = new(connection,
            "INSERT INTO activities (id, instance_id, task_id, name, input) VALUES ($id, $instance, $task, $name, $input)",
            "$id", "$instance", "$task", "$name", "$input");
        _deleteActivity = new(connection, "DELETE FROM activities WHERE id = $id", "$id");
        _purgeInstance = new(connection, $"""
            DELETE FROM instances WHERE instance_id = $instance AND status NOT IN ({Running}, {Pending})
            """, "$instance");
        _purgeHistory = new(connection, "DELETE FROM history WHERE instance_id = $instance", "$instance");
        _purgeMessages = new(connection, "DELETE FROM messages WHERE instance_id = $instance", "$instance");
        _loop = Task.Run(RunAsync);
    }

    public Task<bool> WriteAsync(StoreWrite write)
    {
        var queued = new QueuedWrite(write, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(SqliteOrchestrationStore), "The store is closed.");
        }

        return queued.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        foreach (var command in new[]
                 {
                     _insertInstance, _insertMessage, _insertMessageIfActive, _deleteMessage, _insertHistory, _updateInstance,
                     _insertActivity, _deleteActivity, _purgeInstance, _purgeHistory, _purgeMessages,
                 })
        {
            command.Dispose();
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedWrite>(_maxWritesPerTransaction);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < _maxWritesPerTransaction && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<QueuedWrite> batch)
    {
        try
        {
            var results = ApplyInTransaction(batch);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (batch.Count > 1)
        {
            // Isolate the failing write so the others still commit.
            foreach (var queued in batch)
            {
                Commit([queued]);
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    private bool[] ApplyInTransaction(List<QueuedWrite> batch)
    {
        using var transaction = _connection.BeginTransaction();
        var results = new bool[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = Apply(batch[i].Write, transaction);
        }

        transaction.Commit();
        return results;
    }

    private bool Apply(StoreWrite write, SqliteTransaction tx) => write switch
    {
        CreateInstanceWrite create => Create(create, tx),
        EnqueueMessageWrite enqueue => Insert(_insertMessageIfActive, enqueue.Message, tx) == 1,
        EpisodeWrite episode => CommitEpisode(episode, tx),
        ActivityResultWrite result => _deleteActivity.Execute(tx, result.ActivityId) == 1 && Insert(_insertMessage, result.Result, tx) == 1,
        PurgeInstanceWrite purge => Purge(purge.InstanceId, tx),
        _ => throw new ArgumentOutOfRangeException(nameof(write), write.GetType().Name, "Unknown store write."),
    };

    private bool Create(CreateInstanceWrite create, SqliteTransaction tx)
    {
        var instance = create.Instance;
        var created = _insertInstance.Execute(tx, instance.InstanceId, instance.Name, (int)instance.Status,
            instance.CreatedAt.Ticks, instance.LastUpdatedAt.Ticks, instance.Input) == 1;
        if (created)
        {
            Insert(_insertMessage, create.StartMessage, tx);
        }

        return created;
    }

    private bool CommitEpisode(EpisodeWrite episode, SqliteTransaction tx)
    {
        if (episode.Update is { } update)
        {
            for (var i = 0; i < episode.NewHistory.Count; i++)
            {
                // The (instance, seq) key makes a second commit of the same step fail instead of doubling it.
                _insertHistory.Execute(tx, episode.InstanceId, episode.FirstSequence + i, episode.NewHistory[i].ToByteArray());
            }

            _updateInstance.Execute(tx, (int)update.Status, update.LastUpdatedAt.Ticks, update.Output, update.CustomStatus,
                update.Failure?.ToByteArray(), episode.InstanceId);
        }

        foreach (var id in episode.ConsumedMessageIds)
        {
            _deleteMessage.Execute(tx, id);
        }

        foreach (var message in episode.NewMessages)
        {
            Insert(_insertMessage, message, tx);
        }

        foreach (var activity in episode.NewActivities)
        {
            _insertActivity.Execute(tx, activity.Id, activity.InstanceId, activity.TaskId, activity.Name, activity.Input);
        }

        foreach (var sent in episode.EventsSent)
        {
            Insert(_insertMessageIfActive, sent, tx);
        }

        return true;
    }

    private bool Purge(string instanceId, SqliteTransaction tx)
    {
        if (_purgeInstance.Execute(tx, instanceId) == 0)
        {
            return false;
        }

        _purgeHistory.Execute(tx, instanceId);
        _purgeMessages.Execute(tx, instanceId);
        return true;
    }

    private static int Insert(PreparedCommand command, QueuedMessage message, SqliteTransaction tx) =>
        command.Execute(tx, message.Id, message.InstanceId, message.VisibleAt.Ticks, message.Event.ToByteArray());

    private sealed record QueuedWrite(StoreWrite Write, TaskCompletionSource<bool> Done);
}
