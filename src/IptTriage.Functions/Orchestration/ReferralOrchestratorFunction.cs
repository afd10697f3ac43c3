using IptTriage.Workflow;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace IptTriage.Functions.Orchestration;

/// <summary>Durable Functions is the engine on Azure; the orchestration itself is the shared one. The instance id is
/// the referral id (intake starts it so), which is also the orchestration's only input.</summary>
public sealed class ReferralOrchestratorFunction(WorkflowOptions options, ILoggerFactory loggerFactory)
{
    [Function(ReferralOrchestrator.Name)]
    public Task<ReferralStatus> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ReferralOrchestrator(options).RunAsync(new DurableFunctionsContext(context, loggerFactory), context.GetInput<string>() ?? context.InstanceId);
}
