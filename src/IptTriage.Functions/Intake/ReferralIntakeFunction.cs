using System.Text;
using IptTriage.Composition;
using IptTriage.Workflow.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Functions.Intake;

/// <summary>Workflow step 1 on Azure: the same <see cref="ReferralIntake"/> as the local queue listener. An invalid form
/// is recorded and alerted by intake and the message completes, so it never lands in the poison queue; only failures
/// to store or start (a database or Durable outage) throw, and the host retries those (host.json maxDequeueCount).</summary>
public sealed partial class ReferralIntakeFunction(IServiceProvider services, ILogger<ReferralIntakeFunction> logger)
{
    [Function("ReferralIntake")]
    public async Task RunAsync(
        [QueueTrigger(IntakeQueue.DefaultName)] string message,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        var messageId = context.BindingContext.BindingData.TryGetValue("Id", out var id) ? id?.ToString() : null;
        var intake = ActivatorUtilities.CreateInstance<ReferralIntake>(services, client);
        var receipt = await intake.SubmitAsync(Encoding.UTF8.GetBytes(message), $"queue-{messageId ?? "unknown"}", cancellationToken);
        LogTaken(messageId, receipt.ReferralId, receipt.Status.ToString(), receipt.Started, receipt.Errors.Count);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Queue message {MessageId}: referral {ReferralId} is {Status} (started: {Started}, form errors: {ErrorCount})")]
    private partial void LogTaken(string? messageId, string referralId, string status, bool started, int errorCount);
}
