namespace IptTriage.Email;

/// <summary>
/// One email to one recipient, with a plain-text and an HTML body.
/// <see cref="Categories"/> and <see cref="CustomArgs"/> travel to the provider and into logs, so they must never
/// carry personal data: use them for identifiers such as a referral id or a template kind.
/// </summary>
public sealed record EmailMessage(EmailAddress To, string Subject, string Text, string Html)
{
    /// <summary>The sender; when null the configured default sender is used.</summary>
    public EmailAddress? From { get; init; }

    public EmailAddress? ReplyTo { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = new Dictionary<string, string>();
}
