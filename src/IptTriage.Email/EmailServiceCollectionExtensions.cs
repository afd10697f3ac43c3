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
            .ValidateOnStart();
        services.AddHttpClient<IEmailSender, SendGridEmailSender>((provider, client) =>
            {
                var options = provider.GetRequiredService<IOptions<SendGridOptions>>().Value;
                client.BaseAddress = options.BaseAddress;
                client.Timeout = options.Timeout;
            })
            .RedactLoggedHeaders(["Authorization"]);
        return services;
    }
}
