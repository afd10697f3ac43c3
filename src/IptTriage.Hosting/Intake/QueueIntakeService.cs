using System.Text;
using IptTriage.AzureQueues;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Intake;

/// <summary>Takes referral forms from the intake storage queue (workflow step 1). Valid and invalid forms alike are
/// completed, since <see cref="ReferralIntake"/> records and alerts an invalid one and a retry would not make it valid;
/// a failure (the database unavailable, say) leaves the message to be redelivered, and to the poison queue once the
/// listener's dequeue count runs out. Redeliveries are harmless: intake is idempotent on the referral id.</summary>
public sealed partial class QueueIntakeService(QueueListener listener, ReferralIntake intake, ILogger<QueueIntakeService> logger)
    : BackgroundService
{
    // Storage that is not up yet at start is the listener's to wait out, as any later outage.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(HandleAsync, stoppingToken);

    private async Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        // A message that is not base64 is read as the text it is: if that is not a valid form it is recorded invalid
        // under its message id, so a bad producer's message is seen by a coordinator rather than lost in poison.
        var form = Encoding.UTF8.GetBytes(message.Text ?? message.RawText);
        var receipt = await intake.SubmitAsync(form, $"queue-{message.MessageId}", cancellationToken);
        LogTaken(message.MessageId, message.DequeueCount, receipt.ReferralId, receipt.Status, receipt.Started);
        return MessageDisposition.Complete;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Queue message {MessageId} (delivery {DequeueCount}) taken in as referral {ReferralId}: {Status}, started {Started}")]
    private partial void LogTaken(string messageId, long dequeueCount, string referralId, ReferralStatus status, bool started);
}
