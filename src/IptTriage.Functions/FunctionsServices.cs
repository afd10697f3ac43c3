using IptTriage.Api;
using IptTriage.Composition;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions;

public static class FunctionsServices
{
    /// <summary>Durable Functions is the engine here, so only the activities' services, the PostgreSQL record store and
    /// the API's contract are added: no embedded engine, no local intake sources (the queue trigger is the intake), no
    /// SQLite (docs/azure.md).</summary>
    /// <exception cref="InvalidOperationException"><c>IptTriage:AuditHashKey</c> is not set (every instance must hash
    /// addresses with the same key, and none may fall back to a key file of its own), or
    /// <c>RecordStore:PostgresConnectionString</c> is not (records on Azure are in PostgreSQL).</exception>
    public static IServiceCollection AddIptTriageFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        var options = IptTriageOptions.Read(configuration);
        if (string.IsNullOrWhiteSpace(options.AuditHashKey))
            throw NotSet($"{IptTriageOptions.SectionName}:{nameof(IptTriageOptions.AuditHashKey)}", "On Azure it is the Key Vault secret 'audit-hash-key'");
        if (configuration[RecordStores.PostgresConnectionStringSetting] is not { Length: > 0 } connectionString)
            throw NotSet(RecordStores.PostgresConnectionStringSetting, "On Azure infra/app/api.bicep sets it");

        services.AddReferralActivityServices(configuration, options, Convert.FromBase64String(options.AuditHashKey));
        // Opened on first use rather than here: a database that cannot be reached at a cold start fails the first
        // invocations, which the host retries, instead of the worker's start-up.
        services.AddSingleton<IRecordStore>(_ => RecordStores.OpenPostgres(connectionString));
        var appServiceAuthentication = configuration.GetValue<bool>(Api.AppServicePrincipal.EnabledSetting);
        services.AddSingleton(provider => new Api.AppServicePrincipal(appServiceAuthentication, provider.GetRequiredService<ClinicDirectory>()));
        return services.AddIptTriageApiContract(configuration);
    }

    private static InvalidOperationException NotSet(string setting, string where) => new($"{setting} is not set. {where} (docs/azure.md).");
}
