namespace IptTriage.AzureQueues;

/// <summary>What a handler decided about one message.</summary>
public enum MessageDisposition
{
    /// <summary>Done: delete it.</summary>
    Complete,

    /// <summary>Try again later: make it visible again after the retry delay (poison once out of attempts).</summary>
    Retry,

    /// <summary>Never going to work: move it to the poison queue now.</summary>
    DeadLetter,
}
