using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using IptTriage.AzureQueues.Tests.Azurite;
using IptTriage.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.AzureQueues.Tests.Listener;

[Collection(AzuriteCollection.Name)]
public sealed class QueueListenerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Duplicate_messages_are_both_delivered_and_completed_ones_are_deleted()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("""{"referralId":"R-7"}""");
        await queue.SendMessageAsync("""{"referralId":"R-7"}""");
        var handler = new RecordingHandler(_ => MessageDisposition.Complete);

        await RunUntilAsync(Options(queue), handler, () => handler.Seen.Count >= 2);

        handler.Seen.Select(message => message.Body.ToString()).Should().Equal("""{"referralId":"R-7"}""", """{"referralId":"R-7"}""");
        handler.Seen.Select(message => message.MessageId).Should().OnlyHaveUniqueItems();
        (await queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task A_retried_message_comes_back_with_a_higher_dequeue_count_until_completed()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("flaky");
        var handler = new RecordingHandler(message =>
            message.DequeueCount == 1 ? MessageDisposition.Retry : MessageDisposition.Complete);
        var listener = azurite.Listener(Options(queue));

        await listener.PollOnceAsync(handler.HandleAsync, CancellationToken.None);
        await listener.PollOnceAsync(handler.HandleAsync, CancellationToken.None);

        handler.Seen.Select(message => message.DequeueCount).Should().Equal(1, 2);
        (await queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task A_handler_that_throws_is_treated_as_a_retry_and_the_listener_carries_on()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("boom");
        var handler = new RecordingHandler(message => message.DequeueCount == 1
            ? throw new InvalidOperationException("handler failed on the contents")
            : MessageDisposition.Complete);
        var listener = azurite.Listener(Options(queue));

        await listener.PollOnceAsync(handler.HandleAsync, CancellationToken.None);
        await listener.PollOnceAsync(handler.HandleAsync, CancellationToken.None);

        handler.Seen.Select(message => message.DequeueCount).Should().Equal(1, 2);
        (await queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_to_poison_unchanged_without_reaching_the_handler_and_the_next_is_processed()
    {
        var queue = await azurite.NewQueueAsync();
        await azurite.RawService().GetQueueClient(queue.Name).SendMessageAsync("{not base64: plain json}");
        await queue.SendMessageAsync("good");
        var handler = new RecordingHandler(_ => MessageDisposition.Complete);

        await RunUntilAsync(Options(queue), handler, () => handler.Seen.Count >= 1);

        handler.Seen.Should().ContainSingle().Which.Body.ToString().Should().Be("good");
        (await RawPoisonOf(queue).PeekMessagesAsync(32)).Value.Should().ContainSingle()
            .Which.Body.ToString().Should().Be("{not base64: plain json}");
    }

    [Fact]
    public async Task A_dead_lettered_message_moves_to_the_poison_queue_with_the_same_stored_text()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("Grüße, never going to work");
        var stored = (await azurite.RawService().GetQueueClient(queue.Name).PeekMessageAsync()).Value.Body.ToString();
        var handler = new RecordingHandler(_ => MessageDisposition.DeadLetter);

        await azurite.Listener(Options(queue)).PollOnceAsync(handler.HandleAsync, CancellationToken.None);

        (await RawPoisonOf(queue).PeekMessagesAsync(32)).Value.Should().ContainSingle().Which.Body.ToString().Should().Be(stored);
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount.Should().Be(0);
    }

    [Fact]
    public async Task A_message_still_failing_at_the_max_dequeue_count_moves_to_the_poison_queue_unchanged()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("always fails");
        var handler = new RecordingHandler(_ => MessageDisposition.Retry);
        var listener = azurite.Listener(Options(queue) with { MaxDequeueCount = 3 });

        for (var poll = 0; poll < 4; poll++)
        {
            await listener.PollOnceAsync(handler.HandleAsync, CancellationToken.None);
        }

        handler.Seen.Select(message => message.DequeueCount).Should().Equal(1, 2, 3);
        (await queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
        (await PoisonOf(queue).PeekMessagesAsync(32)).Value.Should().ContainSingle()
            .Which.Body.ToString().Should().Be("always fails");
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_allowed_goes_to_poison_without_reaching_the_handler()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("crashed its consumers");
        for (var delivery = 0; delivery < 2; delivery++)
        {
            // Consumers that crashed: received, never settled, made visible again.
            QueueMessage message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).Value.Single();
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        }

        var handler = new RecordingHandler(_ => MessageDisposition.Complete);
        await azurite.Listener(Options(queue) with { MaxDequeueCount = 2 }).PollOnceAsync(handler.HandleAsync, CancellationToken.None);

        handler.Seen.Should().BeEmpty();
        (await PoisonOf(queue).PeekMessagesAsync(32)).Value.Should().ContainSingle()
            .Which.Body.ToString().Should().Be("crashed its consumers");
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

        (await azurite.Service().GetQueueClient(options.QueueName).ExistsAsync()).Value.Should().BeTrue();
    }

    [Fact]
    public async Task A_listener_whose_storage_is_not_up_yet_backs_off_and_keeps_trying_instead_of_stopping()
    {
        // Nothing listens on a port taken and released at once: every request, the queue's creation first, fails.
        int closedPort;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            closedPort = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var connectionString = azurite.ConnectionString().Replace($":{azurite.Port}/", $":{closedPort}/", StringComparison.Ordinal);
        // The client's own retries would only slow the test down; the listener's back-off is what is under test.
        var service = QueueConnection.FromConnectionString(connectionString)
            .CreateClient(NullLogger.Instance, options => options.Retry.MaxRetries = 0);
        var clock = new ImmediateTimeProvider();
        var logs = new CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var options = new QueueListenerOptions { QueueName = "not-up-yet", MinPollingInterval = TimeSpan.FromMilliseconds(100) };
        using var stop = new CancellationTokenSource();

        var run = new QueueListener(service, options, clock, loggerFactory.CreateLogger<QueueListener>())
            .RunAsync(new RecordingHandler(_ => MessageDisposition.Complete).HandleAsync, stop.Token);
        await WaitForAsync(() => clock.Waits.Count >= 3);
        await stop.CancelAsync();

        await run.Invoking(async task => await task).Should().NotThrowAsync("an outage at start is waited out like any other");
        clock.Waits.Take(3).Select(wait => wait.TotalMilliseconds).Should().Equal(100, 200, 400);
        logs.Lines.Should().Contain(line => line.Contains("Polling queue not-up-yet failed: no answer"))
            .And.NotContain(line => line.Contains(AzuriteFixture.DevelopmentAccountKey));
    }

    private static QueueListenerOptions Options(QueueClient queue) => new()
    {
        QueueName = queue.Name,
        VisibilityTimeout = TimeSpan.FromMinutes(1),
    };

    private QueueClient PoisonOf(QueueClient queue) => azurite.Service().GetQueueClient(PoisonQueue.NameFor(queue.Name));

    private QueueClient RawPoisonOf(QueueClient queue) => azurite.RawService().GetQueueClient(PoisonQueue.NameFor(queue.Name));

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
