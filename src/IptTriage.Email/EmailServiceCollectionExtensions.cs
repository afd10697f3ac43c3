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
        // The SDK builds absolute request URIs from SendGrid:Host; the client only carries them, one timeout per attempt.
        services.AddHttpClient<IEmailSender, SendGridEmailSender>((provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<SendGridOptions>>().Value.Timeout)
            .RedactLoggedHeaders(["Authorization"]);
        return services;
    }
}
