using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IptTriage.AzureQueues;

public static class AzureQueueServiceCollectionExtensions
{
    /// <summary>The configuration key read for the storage connection string.</summary>
    public const string ConnectionStringKey = "AzureQueues:ConnectionString";

    /// <summary>Read when <see cref="ConnectionStringKey"/> is absent, as Azure Functions hosts set it.</summary>
    public const string FunctionsConnectionStringKey = "AzureWebJobsStorage";

    /// <summary>
    /// Registers <see cref="StorageQueueService"/> (typed HttpClient) for the account named by
    /// <c>AzureQueues:ConnectionString</c>, else <c>AzureWebJobsStorage</c>. Resolving it throws
    /// <see cref="FormatException"/> when neither is set or the string is malformed.
    /// </summary>
    public static IServiceCollection AddAzureQueueClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton(_ => QueueStorageAccount.Parse(
            ConnectionString(configuration)
            ?? throw new FormatException(
                $"No storage connection string: set '{ConnectionStringKey}' or '{FunctionsConnectionStringKey}'.")));
        services.AddHttpClient<StorageQueueService>().RedactLoggedHeaders(["Authorization"]);
        return services;
    }

    /// <summary><c>AzureQueues:ConnectionString</c>, else <c>AzureWebJobsStorage</c>; null when neither is set.</summary>
    public static string? ConnectionString(IConfiguration configuration) =>
        configuration[ConnectionStringKey] ?? configuration[FunctionsConnectionStringKey];
}
