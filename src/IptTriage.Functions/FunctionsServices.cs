using IptTriage.Functions.Api;
using IptTriage.Hosting;
using IptTriage.Hosting.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions;

public static class FunctionsServices
{
    /// <summary>Durable Functions is the engine here, so only the activities' services and the API's contract are
    /// added: no embedded engine, no local intake sources (the queue trigger is the intake). Records go to PostgreSQL
    /// when RecordStore:PostgresConnectionString is set; email goes through SendGrid (docs/azure.md).</summary>
    /// <exception cref="InvalidOperationException"><c>IptTriage:AuditHashKey</c> is not set: every instance must hash
    /// addresses with the same key, and none may fall back to a key file of its own.</exception>
    public static IServiceCollection AddIptTriageFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        const string auditHashKey = $"{IptTriageOptions.SectionName}:{nameof(IptTriageOptions.AuditHashKey)}";
        if (string.IsNullOrWhiteSpace(configuration[auditHashKey]))
            throw new InvalidOperationException($"{auditHashKey} is not set. On Azure it is the Key Vault secret 'audit-hash-key' (docs/azure.md).");
        services.AddReferralActivityServices(configuration);
        return services.AddIptTriageApiContract(configuration).AddSingleton<HttpApi>();
    }
}
