namespace IptTriage.AzureQueues;

/// <summary>
/// A received message, invisible to others until <see cref="NextVisibleOn"/>. <see cref="RawText"/> is exactly
/// what the queue holds; <see cref="Text"/> is it decoded from base64 UTF-8, or null when it is not
/// (<see cref="IsMalformed"/>), so a bad producer's message can be inspected rather than crash its consumer.
/// </summary>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn,
    string RawText)
{
    public string? Text { get; } = MessageTextEncoding.TryDecode(RawText);

    public bool IsMalformed => Text is null;
}

/// <summary>A message seen by peeking: it stays visible and its dequeue count is unchanged.</summary>
public sealed record PeekedMessage(
    string MessageId, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, string RawText)
{
    public string? Text { get; } = MessageTextEncoding.TryDecode(RawText);
}

/// <summary>What the service answers to a put: the new message's id and a pop receipt for it.</summary>
public sealed record SentMessage(string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset NextVisibleOn);
