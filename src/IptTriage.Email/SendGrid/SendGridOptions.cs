using SendGrid;

namespace IptTriage.Email;

/// <summary>Bound from the configuration section <c>SendGrid</c>.</summary>
public sealed class SendGridOptions
{
    public const string SectionName = "SendGrid";

    public string? ApiKey { get; set; }

    /// <summary>The API root, <see cref="SendGridClientOptions.Host"/>; tests point it at a local endpoint.</summary>
    public string Host { get; set; } = "https://api.sendgrid.com";

    public string FromAddress { get; set; } = "";

    public string? FromName { get; set; }

    /// <summary>Total attempts including the first.</summary>
    public int MaxAttempts { get; set; } = 4;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Upper bound on any wait between attempts, including one a Retry-After header asks for.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per-attempt timeout.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
