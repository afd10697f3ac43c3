using IptTriage.Email.Outbox;
using IptTriage.Email.SendGrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IptTriage.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/>: SendGrid when <c>SendGrid:ApiKey</c> is set, otherwise the outbox
    /// folder (<c>Email:OutboxPath</c>).
    /// </summary>
    public static IServiceCollection AddSendGridEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        var sendGrid = configuration.GetSection(SendGridOptions.SectionName);
        if (string.IsNullOrWhiteSpace(sendGrid[nameof(SendGridOptions.ApiKey)]))
        {
            services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.SectionName));
            services.AddSingleton<IEmailSender, OutboxEmailSender>();
            return services;
        }

        services.AddOptions<SendGridOptions>().Bind(sendGrid)
            .Validate(o => !string.IsNullOrWhiteSpace(o.FromAddress), "SendGrid:FromAddress is required")
            .Validate(o => o.MaxAttempts >= 1, "SendGrid:MaxAttempts must be at least 1")
            .Validate(o => o.Timeout > TimeSpan.Zero, "SendGrid:Timeout must be positive")
            .Validate(o => Uri.TryCreate(o.Host, UriKind.Absolute, out var host) && host.Scheme is "https" or "http",
                "SendGrid:Host must be an absolute http(s) URI")
            .ValidateOnStart();
        // The per-attempt timeout and the waits between attempts (backoff, Retry-After) run on wall-clock time whatever
        // clock the workflow runs on (the CLI's simulated runs speed theirs up, but SendGrid's limits are in real time);
        // one registered before under the key replaces it (tests move one by hand).
        services.TryAddKeyedSingleton(SendGridEmailSender.WallClockKey, TimeProvider.System);
        // The SDK builds absolute request URIs from SendGrid:Host; the client only carries them. The sender bounds each
        // attempt by SendGrid:Timeout on that clock; the client's own timeout is only a backstop, twice as long.
        services.AddHttpClient<IEmailSender, SendGridEmailSender>((provider, client) =>
                client.Timeout = Backstop(provider.GetRequiredService<IOptions<SendGridOptions>>().Value.Timeout))
            .RedactLoggedHeaders(["Authorization"]);
        return services;
    }

    /// <summary>Twice the per-attempt timeout, or none past what <see cref="HttpClient.Timeout"/> takes.</summary>
    private static TimeSpan Backstop(TimeSpan timeout) =>
        timeout.TotalMilliseconds * 2 <= int.MaxValue ? timeout * 2 : Timeout.InfiniteTimeSpan;
}
