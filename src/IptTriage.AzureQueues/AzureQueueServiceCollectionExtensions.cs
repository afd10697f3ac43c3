using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace IptTriage.AzureQueues;

public static class AzureQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="QueueServiceClient"/> (<see cref="QueueConnection.CreateClient"/>) for the queue
    /// service <see cref="QueueConnection.FromConfiguration"/> finds. Resolving it throws
    /// <see cref="InvalidOperationException"/> when the configuration names none.
    /// </summary>
    public static IServiceCollection AddAzureQueueClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton(_ => QueueConnection.FromConfiguration(configuration)
            ?? throw new InvalidOperationException(
                $"No queue service configured: set '{QueueConnection.SectionName}:ConnectionString', "
                + $"'{QueueConnection.FunctionsSectionName}' or '{QueueConnection.FunctionsSectionName}:accountName'."));
        services.TryAddSingleton(provider => provider.GetRequiredService<QueueConnection>()
            .CreateClient(provider.GetRequiredService<ILoggerFactory>().CreateLogger<QueueConnection>()));
        return services;
    }
}
