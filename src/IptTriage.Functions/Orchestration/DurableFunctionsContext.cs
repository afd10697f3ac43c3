using Microsoft.Extensions.Logging;
using Ms = Microsoft.DurableTask;
using Shared = IptTriage.Durable;

namespace IptTriage.Functions.Orchestration;

/// <summary>Lets the shared <see cref="Workflow.Orchestrators.ReferralOrchestrator"/> run on Durable Functions: every
/// call goes 1:1 to the Microsoft.DurableTask context, so the history Azure stores is the one the embedded engine
/// would store. Replay-safe logging comes from the shared base class, which reads <see cref="IsReplaying"/>.</summary>
public sealed class DurableFunctionsContext(Ms.TaskOrchestrationContext inner, ILoggerFactory loggerFactory) : Shared.TaskOrchestrationContext
{
    public override Shared.TaskName Name => new(inner.Name.Name);

    public override string InstanceId => inner.InstanceId;

    public override DateTime CurrentUtcDateTime => inner.CurrentUtcDateTime;

    public override bool IsReplaying => inner.IsReplaying;

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    public override T? GetInput<T>() where T : default => inner.GetInput<T>();

    public override async Task<T> CallActivityAsync<T>(Shared.TaskName name, object? input = null, Shared.TaskOptions? options = null)
    {
        try
        {
            return await inner.CallActivityAsync<T>(name.Name, input, ToMicrosoft(options));
        }
        catch (Ms.TaskFailedException failure)
        {
            // The shared orchestrator handles failures as its own engine reports them.
            throw new Shared.TaskFailedException(failure.TaskName, failure.TaskId, ToShared(failure.FailureDetails));
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => inner.CreateTimer(fireAt, cancellationToken);

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        inner.WaitForExternalEvent<T>(eventName, cancellationToken);

    public override void SetCustomStatus(object? customStatus) => inner.SetCustomStatus(customStatus);

    public override Guid NewGuid() => inner.NewGuid();

    private static Ms.TaskOptions? ToMicrosoft(Shared.TaskOptions? options) => options?.Retry?.Policy is { } policy
        ? new Ms.TaskOptions(new Ms.TaskRetryOptions(new Ms.RetryPolicy(
            policy.MaxNumberOfAttempts, policy.FirstRetryInterval, policy.BackoffCoefficient, policy.MaxRetryInterval, policy.RetryTimeout)))
        : null;

    private static Shared.TaskFailureDetails ToShared(Ms.TaskFailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure is { } inner ? ToShared(inner) : null);
}
