using System.Globalization;
using System.Text;
using System.Xml;
using IptTriage.AzureQueues.Protocol;

namespace IptTriage.AzureQueues;

/// <summary>One queue's operations. Failures the service reports throw <see cref="QueueStorageException"/>.</summary>
public sealed class StorageQueue
{
    /// <summary>The service's limit on a message's text as sent (after base64 encoding), in UTF-8 bytes.</summary>
    public const int MaxMessageTextBytes = 64 * 1024;

    /// <summary>The most messages one receive or peek can return.</summary>
    public const int MaxMessagesPerCall = 32;

    private static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    private readonly StorageQueueService service;

    internal StorageQueue(StorageQueueService service, string name)
    {
        this.service = service;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Creates the queue; succeeds as well when it already exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await service.SendAsync(new QueueRequest("create queue", HttpMethod.Put, Name), cancellationToken);
        }
        catch (QueueStorageException exception) when (exception.ErrorCode == "QueueAlreadyExists")
        {
            // Only raised when the existing queue's metadata differs; we set none, so it is the queue we want.
        }
    }

    /// <summary>Puts a message whose text is sent base64-encoded UTF-8 (what the Functions queue trigger reads).</summary>
    public Task<SentMessage> SendMessageAsync(string text, CancellationToken cancellationToken) =>
        SendRawMessageAsync(MessageTextEncoding.Encode(text), cancellationToken);

    /// <summary>Puts a message whose text is stored exactly as given, for producers that do not base64-encode.</summary>
    public async Task<SentMessage> SendRawMessageAsync(string rawText, CancellationToken cancellationToken)
    {
        var size = Encoding.UTF8.GetByteCount(rawText);
        if (size > MaxMessageTextBytes)
        {
            throw new ArgumentException(
                $"Message for queue '{Name}' is {size} bytes once encoded; the limit is {MaxMessageTextBytes} bytes.",
                nameof(rawText));
        }

        try
        {
            XmlConvert.VerifyXmlChars(rawText);
        }
        catch (XmlException)
        {
            throw new ArgumentException(
                $"Message for queue '{Name}' contains a character XML cannot carry; send it base64-encoded.",
                nameof(rawText));
        }

        var xml = await service.SendAsync(
            new QueueRequest("put message", HttpMethod.Post, Name, "/messages", [], QueueXml.MessageRequest(rawText)),
            cancellationToken);
        return QueueXml.SentMessage(xml);
    }

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> messages, each hidden from other receivers for
    /// <paramref name="visibilityTimeout"/> (at least one second) and its dequeue count raised by one.
    /// </summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken)
    {
        var xml = await service.SendAsync(
            new QueueRequest("get messages", HttpMethod.Get, Name, "/messages",
            [
                ("numofmessages", Count(maxMessages)),
                ("visibilitytimeout", Seconds(visibilityTimeout, TimeSpan.FromSeconds(1))),
            ]),
            cancellationToken);
        return QueueXml.ReceivedMessages(xml);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages, CancellationToken cancellationToken)
    {
        var xml = await service.SendAsync(
            new QueueRequest("peek messages", HttpMethod.Get, Name, "/messages",
                [("peekonly", "true"), ("numofmessages", Count(maxMessages))]),
            cancellationToken);
        return QueueXml.PeekedMessages(xml);
    }

    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken) =>
        service.SendAsync(
            new QueueRequest("delete message", HttpMethod.Delete, Name, MessagePath(messageId),
                [("popreceipt", popReceipt)]),
            cancellationToken);

    /// <summary>
    /// Makes a received message visible again after <paramref name="visibilityTimeout"/> (zero: at once).
    /// Returns the new pop receipt; the old one is no longer valid.
    /// </summary>
    public Task<string> UpdateVisibilityAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, CancellationToken cancellationToken) =>
        service.SendAsync(
            new QueueRequest("update message", HttpMethod.Put, Name, MessagePath(messageId),
                [("popreceipt", popReceipt), ("visibilitytimeout", Seconds(visibilityTimeout, TimeSpan.Zero))],
                ResponseHeader: "x-ms-popreceipt"),
            cancellationToken);

    /// <summary>Deletes every message in the queue.</summary>
    public Task ClearAsync(CancellationToken cancellationToken) =>
        service.SendAsync(new QueueRequest("clear messages", HttpMethod.Delete, Name, "/messages"), cancellationToken);

    private static string MessagePath(string messageId) => $"/messages/{Uri.EscapeDataString(messageId)}";

    private static string Count(int maxMessages) =>
        maxMessages is >= 1 and <= MaxMessagesPerCall
            ? maxMessages.ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(
                nameof(maxMessages), maxMessages, $"Between 1 and {MaxMessagesPerCall} messages per call.");

    private static string Seconds(TimeSpan timeout, TimeSpan minimum) =>
        timeout >= minimum && timeout <= MaxVisibilityTimeout
            ? ((long)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            : throw new ArgumentOutOfRangeException(
                nameof(timeout), timeout, $"Visibility timeouts run from {minimum} to {MaxVisibilityTimeout}.");
}
