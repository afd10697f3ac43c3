using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace IptTriage.AzureQueues;

/// <summary>
/// Polls one queue and hands each message to a handler, deleting it only after the handler completed it, so
/// every message is delivered at least once (a crash or stop mid-handler means a redelivery, never a loss).
/// Call <see cref="RunAsync"/> from a hosted service's <c>ExecuteAsync</c>. Give it a client from
/// <see cref="QueueConnection.CreateClient"/>, so message text is base64 and a message that is not never reaches the
/// handler (it goes to the poison queue).
/// </summary>
public sealed partial class QueueListener(
    QueueServiceClient service,
    QueueListenerOptions options,
    TimeProvider timeProvider,
    ILogger<QueueListener> logger)
{
    private readonly QueueClient queue = service.GetQueueClient(options.QueueName);
    private readonly QueueClient poisonQueue = service.GetQueueClient(options.PoisonQueueName);
    private bool queueCreated;
    private bool poisonQueueCreated;

    /// <summary>
    /// Creates the queue if needed, then polls until <paramref name="cancellationToken"/> is cancelled, waiting
    /// longer after each empty poll or storage failure (storage not up yet at start included). Returns when cancelled.
    /// </summary>
    public async Task RunAsync(
        Func<QueueMessage, CancellationToken, Task<MessageDisposition>> handler, CancellationToken cancellationToken)
    {
        try
        {
            var idleWait = TimeSpan.Zero;
            while (true)
            {
                var handled = await PollSafelyAsync(handler, cancellationToken);
                idleWait = handled > 0 ? TimeSpan.Zero : NextIdleWait(idleWait);
                if (idleWait > TimeSpan.Zero)
                {
                    await Task.Delay(idleWait, timeProvider, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogStopped(queue.Name);
        }
    }

    /// <summary>Receives one batch and processes it; returns how many messages were received.</summary>
    public async Task<int> PollOnceAsync(
        Func<QueueMessage, CancellationToken, Task<MessageDisposition>> handler, CancellationToken cancellationToken)
    {
        QueueMessage[] messages = await queue.ReceiveMessagesAsync(
            options.BatchSize, options.VisibilityTimeout, cancellationToken);
        foreach (var message in messages)
        {
            await ProcessAsync(message, handler, cancellationToken);
        }

        return messages.Length;
    }

    private async Task<int> PollSafelyAsync(
        Func<QueueMessage, CancellationToken, Task<MessageDisposition>> handler, CancellationToken cancellationToken)
    {
        try
        {
            if (!queueCreated)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                queueCreated = true;
            }
            return await PollOnceAsync(handler, cancellationToken);
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException)
        {
            // The service may be down for a while (the client's own retries gave up: an AggregateException, or a
            // failed move of an undecodable message); back off as if idle and try again rather than stop listening.
            LogPollFailed(queue.Name, Failure(exception));
            return 0;
        }
    }

    private TimeSpan NextIdleWait(TimeSpan previous)
    {
        var next = previous == TimeSpan.Zero ? options.MinPollingInterval : previous * 2;
        return next > options.MaxPollingInterval ? options.MaxPollingInterval : next;
    }

    private async Task ProcessAsync(
        QueueMessage message,
        Func<QueueMessage, CancellationToken, Task<MessageDisposition>> handler,
        CancellationToken cancellationToken)
    {
        try
        {
            if (message.DequeueCount > options.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, "dequeue count exceeded before handling", cancellationToken);
                return;
            }

            var disposition = await HandleAsync(message, handler, cancellationToken);
            switch (disposition)
            {
                case MessageDisposition.Complete:
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                    break;
                case MessageDisposition.DeadLetter:
                    await MoveToPoisonAsync(message, "handler dead-lettered it", cancellationToken);
                    break;
                case MessageDisposition.Retry when message.DequeueCount >= options.MaxDequeueCount:
                    await MoveToPoisonAsync(message, "retries exhausted", cancellationToken);
                    break;
                default:
                    await queue.UpdateMessageAsync(
                        message.MessageId, message.PopReceipt, visibilityTimeout: options.RetryDelay,
                        cancellationToken: cancellationToken);
                    LogRetry(queue.Name, message.MessageId, message.DequeueCount);
                    break;
            }
        }
        catch (Exception exception) when (exception is RequestFailedException or AggregateException)
        {
            // Typically the visibility timeout ran out and the pop receipt went stale: the message will be
            // delivered again, which at-least-once delivery allows.
            LogSettleFailed(queue.Name, message.MessageId, Failure(exception));
        }
    }

    private async Task<MessageDisposition> HandleAsync(
        QueueMessage message,
        Func<QueueMessage, CancellationToken, Task<MessageDisposition>> handler,
        CancellationToken cancellationToken)
    {
        try
        {
            return await handler(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException
                                          || !cancellationToken.IsCancellationRequested)
        {
            // Only the type: a handler's exception message may quote the message's contents.
            LogHandlerFailed(queue.Name, message.MessageId, exception.GetType().FullName);
            return MessageDisposition.Retry;
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string why, CancellationToken cancellationToken)
    {
        if (!poisonQueueCreated)
        {
            await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            poisonQueueCreated = true;
        }

        // Copy first, delete second: a crash in between leaves a duplicate, never a loss. The body is re-encoded
        // as it came, so the poison queue holds the same text.
        await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        LogPoisoned(queue.Name, message.MessageId, message.DequeueCount, poisonQueue.Name, why);
    }

    // Status and error code only: a storage exception's message quotes the response and request headers.
    private static string Failure(Exception exception) => exception switch
    {
        RequestFailedException { Status: 0 } failed => $"no answer ({failed.InnerException?.GetType().Name})",
        RequestFailedException failed => $"{failed.Status} {failed.ErrorCode ?? "(no error code)"}",
        AggregateException { InnerExceptions: [.., RequestFailedException last] } => Failure(last),
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped listening to queue {Queue}")]
    private partial void LogStopped(string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed: {Failure}")]
    private partial void LogPollFailed(string queue, string failure);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Message {MessageId} on {Queue} will be retried (delivery {DequeueCount})")]
    private partial void LogRetry(string queue, string messageId, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handler for message {MessageId} on {Queue} threw {ExceptionType}")]
    private partial void LogHandlerFailed(string queue, string messageId, string? exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not settle message {MessageId} on {Queue}: {Failure}")]
    private partial void LogSettleFailed(string queue, string messageId, string failure);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Message {MessageId} on {Queue} moved to {PoisonQueue} after {DequeueCount} deliveries: {Why}")]
    private partial void LogPoisoned(string queue, string messageId, long dequeueCount, string poisonQueue, string why);
}
