using System.Collections.Concurrent;
using IptTriage.AzureQueues.Tests.Azurite;
using IptTriage.Testing;

namespace IptTriage.AzureQueues.Tests.Listener;

[Collection(AzuriteCollection.Name)]
public sealed class QueueListenerTests(AzuriteFixture azurite)
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Duplicate_messages_are_both_delivered_and_completed_ones_are_deleted()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("""{"referralId":"R-7"}""", None);
        await queue.SendMessageAsync("""{"referralId":"R-7"}""", None);
        var handler = new RecordingHandler(_ => MessageDisposition.Complete);

        await RunUntilAsync(Options(queue), handler, () => handler.Seen.Count >= 2);

        handler.Seen.Select(message => message.Text).Should().Equal("""{"referralId":"R-7"}""", """{"referralId":"R-7"}""");
        handler.Seen.Select(message => message.MessageId).Should().OnlyHaveUniqueItems();
        (await queue.PeekMessagesAsync(32, None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_retried_message_comes_back_with_a_higher_dequeue_count_until_completed()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("flaky", None);
        var handler = new RecordingHandler(message =>
            message.DequeueCount == 1 ? MessageDisposition.Retry : MessageDisposition.Complete);
        var listener = azurite.Listener(Options(queue));

        await listener.PollOnceAsync(handler.HandleAsync, None);
        await listener.PollOnceAsync(handler.HandleAsync, None);

        handler.Seen.Select(message => message.DequeueCount).Should().Equal(1, 2);
        (await queue.PeekMessagesAsync(32, None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_handler_that_throws_is_treated_as_a_retry_and_the_listener_carries_on()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("boom", None);
        var handler = new RecordingHandler(message => message.DequeueCount == 1
            ? throw new InvalidOperationException("handler failed on the contents")
            : MessageDisposition.Complete);
        var listener = azurite.Listener(Options(queue));

        await listener.PollOnceAsync(handler.HandleAsync, None);
        await listener.PollOnceAsync(handler.HandleAsync, None);

        handler.Seen.Select(message => message.DequeueCount).Should().Equal(1, 2);
        (await queue.PeekMessagesAsync(32, None)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_malformed_message_reaches_the_handler_flagged_and_the_next_message_is_still_processed()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendRawMessageAsync("{not base64: plain json}", None);
        await queue.SendMessageAsync("good", None);
        var handler = new RecordingHandler(message =>
            message.IsMalformed ? MessageDisposition.DeadLetter : MessageDisposition.Complete);

        await RunUntilAsync(Options(queue), handler, () => handler.Seen.Count >= 2);

        handler.Seen.Should().HaveCount(2);
        var malformed = handler.Seen.Single(message => message.IsMalformed);
        malformed.Text.Should().BeNull();
        malformed.RawText.Should().Be("{not base64: plain json}");
        handler.Seen.Single(message => !message.IsMalformed).Text.Should().Be("good");
        var poisoned = (await PoisonOf(queue).PeekMessagesAsync(32, None)).Should().ContainSingle().Subject;
        poisoned.RawText.Should().Be("{not base64: plain json}");
    }

    [Fact]
    public async Task A_message_still_failing_at_the_max_dequeue_count_moves_to_the_poison_queue_unchanged()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("always fails", None);
        var handler = new RecordingHandler(_ => MessageDisposition.Retry);
        var listener = azurite.Listener(Options(queue) with { MaxDequeueCount = 3 });

        for (var poll = 0; poll < 4; poll++)
        {
            await listener.PollOnceAsync(handler.HandleAsync, None);
        }

        handler.Seen.Select(message => message.DequeueCount).Should().Equal(1, 2, 3);
        (await queue.PeekMessagesAsync(32, None)).Should().BeEmpty();
        var poisoned = (await PoisonOf(queue).PeekMessagesAsync(32, None)).Should().ContainSingle().Subject;
        poisoned.Text.Should().Be("always fails");
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_allowed_goes_to_poison_without_reaching_the_handler()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("crashed its consumers", None);
        for (var delivery = 0; delivery < 2; delivery++)
        {
            // Consumers that crashed: received, never settled, made visible again.
            var message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1), None)).Single();
            await queue.UpdateVisibilityAsync(message.MessageId, message.PopReceipt, TimeSpan.Zero, None);
        }

        var handler = new RecordingHandler(_ => MessageDisposition.Complete);
        await azurite.Listener(Options(queue) with { MaxDequeueCount = 2 }).PollOnceAsync(handler.HandleAsync, None);

        handler.Seen.Should().BeEmpty();
        (await PoisonOf(queue).PeekMessagesAsync(32, None)).Should().ContainSingle()
            .Which.Text.Should().Be("crashed its consumers");
    }

    [Fact]
    public async Task An_idle_listener_backs_off_doubling_from_the_minimum_to_the_maximum_interval()
    {
        var queue = await azurite.NewQueueAsync();
        var clock = new ImmediateTimeProvider();
        var options = Options(queue) with
        {
            MinPollingInterval = TimeSpan.FromMilliseconds(100),
            MaxPollingInterval = TimeSpan.FromMilliseconds(500),
        };
        using var stop = new CancellationTokenSource();
        var handler = new RecordingHandler(_ => MessageDisposition.Complete);

        var run = azurite.Listener(options, clock).RunAsync(handler.HandleAsync, stop.Token);
        await WaitForAsync(() => clock.Waits.Count >= 6);
        await stop.CancelAsync();
        await run;

        clock.Waits.Take(6).Select(wait => wait.TotalMilliseconds).Should().Equal(100, 200, 400, 500, 500, 500);
    }

    [Fact]
    public async Task A_listener_on_a_queue_that_does_not_exist_yet_creates_it()
    {
        var options = new QueueListenerOptions { QueueName = $"fresh-{Guid.NewGuid():N}" };
        using var stop = new CancellationTokenSource();
        var clock = new ImmediateTimeProvider();

        var run = azurite.Listener(options, clock).RunAsync(new RecordingHandler(_ => MessageDisposition.Complete).HandleAsync, stop.Token);
        await WaitForAsync(() => clock.Waits.Count >= 1);
        await stop.CancelAsync();
        await run;

        var peek = () => azurite.Service().GetQueue(options.QueueName).PeekMessagesAsync(1, None);
        await peek.Should().NotThrowAsync();
    }

    [Fact]
    public async Task A_listener_whose_storage_is_not_up_yet_backs_off_and_keeps_trying_instead_of_stopping()
    {
        // Nothing listens on a port taken and released at once: every request, the queue's creation first, fails.
        int closedPort;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }
        var account = QueueStorageAccount.Parse(azurite.ConnectionString().Replace($":{azurite.Port}/", $":{closedPort}/", StringComparison.Ordinal));
        var clock = new ImmediateTimeProvider();
        var options = new QueueListenerOptions { QueueName = "not-up-yet", MinPollingInterval = TimeSpan.FromMilliseconds(100) };
        using var http = new HttpClient();
        using var stop = new CancellationTokenSource();

        var run = new QueueListener(new StorageQueueService(http, account, clock), options, clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<QueueListener>.Instance)
            .RunAsync(new RecordingHandler(_ => MessageDisposition.Complete).HandleAsync, stop.Token);
        await WaitForAsync(() => clock.Waits.Count >= 3);
        await stop.CancelAsync();

        await run.Invoking(async task => await task).Should().NotThrowAsync("an outage at start is waited out like any other");
        clock.Waits.Take(3).Select(wait => wait.TotalMilliseconds).Should().Equal(100, 200, 400);
    }

    private static QueueListenerOptions Options(StorageQueue queue) => new()
    {
        QueueName = queue.Name,
        VisibilityTimeout = TimeSpan.FromMinutes(1),
    };

    private StorageQueue PoisonOf(StorageQueue queue) => azurite.Service().GetQueue($"{queue.Name}-poison");

    private async Task RunUntilAsync(QueueListenerOptions options, RecordingHandler handler, Func<bool> done)
    {
        using var stop = new CancellationTokenSource();
        var run = azurite.Listener(options with { MinPollingInterval = TimeSpan.FromMilliseconds(20) })
            .RunAsync(handler.HandleAsync, stop.Token);
        await WaitForAsync(done);
        await stop.CancelAsync();
        await run;
    }

    // A guard against hanging, not a timing assertion: the condition is expected to hold long before.
    private static async Task WaitForAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, guard.Token);
        }
    }

    private sealed class RecordingHandler(Func<QueueMessage, MessageDisposition> decide)
    {
        private readonly ConcurrentQueue<QueueMessage> seen = new();

        public IReadOnlyList<QueueMessage> Seen => [.. seen];

        public Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
        {
            seen.Enqueue(message);
            return Task.FromResult(decide(message));
        }
    }
}
