using IptTriage.Durable;
using Ms = Microsoft.DurableTask;

namespace IptTriage.Functions.Intake;

/// <summary>The shared client contract over the Durable Functions client, for <see cref="Workflow.Intake.ReferralIntake"/>
/// and the API's <see cref="Hosting.Api.Referrals.ReferralEvents"/>: starting is idempotent on the instance id (an
/// existing instance, running or finished, is left alone, where Durable Functions would restart a finished one), and
/// events are raised. Nothing else the shared code calls on Azure, so nothing else is supported.</summary>
public sealed class DurableFunctionsClient(Ms.Client.DurableTaskClient inner) : DurableTaskClient
{
    public override async Task<StartOrchestrationResult> TryScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? throw new ArgumentException("Referral orchestrations are started with the referral id as instance id.", nameof(options));
        if (await inner.GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation) is not null)
            return new StartOrchestrationResult(instanceId, Created: false);

        await inner.ScheduleNewOrchestrationInstanceAsync(
            orchestratorName.Name, input, new Ms.StartOrchestrationOptions(instanceId, options.StartAt), cancellation);
        return new StartOrchestrationResult(instanceId, Created: true);
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
        inner.RaiseEventAsync(instanceId, eventName, eventPayload, cancellation);

    public override Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw NotOnAzure();

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw NotOnAzure();

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        throw NotOnAzure();

    public override Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellation = default) => throw NotOnAzure();

    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default) => throw NotOnAzure();

    public override IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellation = default) =>
        throw NotOnAzure();

    private static NotSupportedException NotOnAzure() =>
        new("The Functions app uses the Durable Functions client directly for this; the shared client covers starting and raising events only.");
}
