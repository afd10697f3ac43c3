namespace IptTriage.Durable;

/// <summary>What an activity knows about its invocation, as in Microsoft.DurableTask.</summary>
public abstract class TaskActivityContext
{
    public abstract TaskName Name { get; }

    public abstract string InstanceId { get; }
}
