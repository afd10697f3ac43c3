using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Tests.Intake;

/// <summary>The invocation context of one queue message, as far as the intake function reads it: the trigger's
/// binding data, where the Storage Queues extension puts the message's <c>Id</c> (with <c>DequeueCount</c>,
/// <c>PopReceipt</c> and the rest, all as strings). What the function never reads throws rather than pretend.</summary>
internal sealed class QueueMessageContext(string messageId, IServiceProvider services) : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => "ReferralIntake";

    public override TraceContext TraceContext => throw Unused();

    public override BindingContext BindingContext { get; } = new QueueBindingContext(messageId);

    public override RetryContext RetryContext => throw Unused();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition => throw Unused();

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object>();

    public override IInvocationFeatures Features => throw Unused();

    private static NotSupportedException Unused() => new("The intake function reads only the trigger's binding data.");

    private sealed class QueueBindingContext(string messageId) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?>
        {
            ["Id"] = messageId,
            ["DequeueCount"] = "1",
        };
    }
}
