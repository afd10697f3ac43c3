namespace IptTriage.AzureQueues;

/// <summary>Defaults follow the Azure Functions queue trigger's.</summary>
public sealed record QueueListenerOptions
{
    public required string QueueName { get; init; }

    /// <summary>Where messages go that cannot be processed: <c>&lt;queue&gt;-poison</c>.</summary>
    public string PoisonQueueName => PoisonQueue.NameFor(QueueName);

    /// <summary>Messages per receive; the service hands out at most 32.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>How long a received message stays hidden while its handler runs.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Deliveries allowed before a message is moved to the poison queue.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a message the handler asked to retry stays hidden before its next delivery.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.Zero;

    /// <summary>First wait after an empty poll; each further empty poll doubles it up to the maximum.</summary>
    public TimeSpan MinPollingInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);
}
