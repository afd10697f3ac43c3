using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace IptTriage.AzureQueues;

/// <summary>
/// The <see cref="QueueClientOptions.MessageDecodingFailed"/> handler: a received message whose text is not base64
/// is copied as it is to the poison queue, through a client that does not encode, then deleted. Copy first, delete
/// second: a crash in between leaves a duplicate, never a loss. A failure here fails the receive, and the message
/// comes back when its visibility timeout runs out.
/// </summary>
internal sealed partial class UndecodableMessages(QueueServiceClient rawClient, ILogger logger)
{
    public async Task MoveToPoisonAsync(QueueMessageDecodingFailedEventArgs args)
    {
        // A peeked message cannot be deleted; leaving it out of the peek is all there is to do.
        if (args.ReceivedMessage is not { } message)
        {
            return;
        }

        var poison = rawClient.GetQueueClient(PoisonQueue.NameFor(args.Queue.Name));
        await poison.CreateIfNotExistsAsync(cancellationToken: args.CancellationToken);
        await poison.SendMessageAsync(message.Body, cancellationToken: args.CancellationToken);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, args.CancellationToken);
        LogPoisoned(args.Queue.Name, message.MessageId, message.DequeueCount, poison.Name);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Message {MessageId} on {Queue} is not base64 (delivery {DequeueCount}): moved to {PoisonQueue}")]
    private partial void LogPoisoned(string queue, string messageId, long dequeueCount, string poisonQueue);
}
