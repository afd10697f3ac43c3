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
    public static IServiceCollection AddIptTriageFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReferralActivityServices(configuration);
        return services.AddIptTriageApiContract(configuration).AddSingleton<HttpApi>();
    }
}
