namespace IptTriage.AzureQueues;

/// <summary>Where a queue's messages go that cannot be processed: the Functions queue trigger's naming.</summary>
public static class PoisonQueue
{
    public static string NameFor(string queueName) => $"{queueName}-poison";
}
