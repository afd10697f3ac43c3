using Azure.Storage.Queues.Models;
using IptTriage.AzureQueues;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Intake;

/// <summary>Takes referral forms from the intake storage queue (workflow step 1). Valid and invalid forms alike are
/// completed, since <see cref="ReferralIntake"/> records and alerts an invalid one and a retry would not make it valid;
/// a failure (the database unavailable, say) leaves the message to be redelivered, and to the poison queue once the
/// listener's dequeue count runs out. Redeliveries are harmless: intake is idempotent on the referral id. A message that
/// is not base64 never gets here: the queue client moves it to the poison queue, as the Functions queue trigger does.</summary>
public sealed partial class QueueIntakeService(QueueListener listener, ReferralIntake intake, ILogger<QueueIntakeService> logger)
    : BackgroundService
{
    // Storage that is not up yet at start is the listener's to wait out, as any later outage.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => listener.RunAsync(HandleAsync, stoppingToken);

    private async Task<MessageDisposition> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        var receipt = await intake.SubmitAsync(message.Body.ToArray(), $"queue-{message.MessageId}", cancellationToken);
        LogTaken(message.MessageId, message.DequeueCount, receipt.ReferralId, receipt.Status, receipt.Started);
        return MessageDisposition.Complete;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Queue message {MessageId} (delivery {DequeueCount}) taken in as referral {ReferralId}: {Status}, started {Started}")]
    private partial void LogTaken(string messageId, long dequeueCount, string referralId, ReferralStatus status, bool started);
}
