namespace IptTriage.Email;

public enum EmailSendOutcome
{
    Sent,

    /// <summary>The provider (or validation) refused the message; sending it again unchanged will not help.</summary>
    PermanentFailure,

    /// <summary>Every attempt failed with a transient error (429, 5xx, timeout, connection failure).</summary>
    TransientFailureExhausted,
}

/// <summary>
/// What became of one send. <see cref="Reason"/> never contains addresses, names or content, so it can be stored
/// on a referral and shown to coordinators.
/// </summary>
public sealed record EmailSendResult(
    EmailSendOutcome Outcome,
    string? ProviderMessageId,
    int? StatusCode,
    string? Reason,
    int Attempts)
{
    public bool IsSent => Outcome == EmailSendOutcome.Sent;

    public static EmailSendResult Sent(string? providerMessageId, int attempts) =>
        new(EmailSendOutcome.Sent, providerMessageId, null, null, attempts);

    public static EmailSendResult Permanent(int? statusCode, string reason, int attempts) =>
        new(EmailSendOutcome.PermanentFailure, null, statusCode, reason, attempts);

    public static EmailSendResult Exhausted(int? statusCode, string reason, int attempts) =>
        new(EmailSendOutcome.TransientFailureExhausted, null, statusCode, reason, attempts);
}
