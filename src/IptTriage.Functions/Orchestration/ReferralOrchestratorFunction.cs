using IptTriage.Workflow;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace IptTriage.Functions.Orchestration;

/// <summary>Durable Functions is the engine on Azure; the orchestration is the shared <see cref="ReferralOrchestrator"/>,
/// run on the context Durable Functions passes in, so replay, timers and events are Microsoft's. Its only input is
/// the referral id, which intake also uses as the instance id.</summary>
public sealed class ReferralOrchestratorFunction(WorkflowOptions options)
{
    [Function(ReferralOrchestrator.Name)]
    public Task<ReferralStatus> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReferralOrchestrator(options).RunAsync(context, context.GetInput<string>()!);
}
