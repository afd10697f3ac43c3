namespace IptTriage.Email;

/// <summary>Bound from the configuration section <c>Email</c>; used when no SendGrid key is configured.</summary>
public sealed class OutboxOptions
{
    public const string SectionName = "Email";

    public string OutboxPath { get; set; } = Path.Combine(".iptriage", "outbox");

    /// <summary>Sender used when a message names none.</summary>
    public string FromAddress { get; set; } = "noreply@localhost";

    public string? FromName { get; set; }
}
