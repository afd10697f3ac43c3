namespace IptTriage.Email;

public interface IEmailSender
{
    /// <summary>
    /// Sends one message. Never throws for provider or transport failures (they come back as a result, after the
    /// transient ones have been retried); throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
