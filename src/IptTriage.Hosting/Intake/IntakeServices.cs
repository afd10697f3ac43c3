using IptTriage.AzureQueues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Intake;

public static class IntakeServices
{
    /// <summary>Listens to the <c>referral-intake</c> queue when a storage connection string is configured
    /// (<c>AzureQueues:ConnectionString</c> or <c>AzureWebJobsStorage</c>), and watches <c>Intake:WatchFolder</c> when it
    /// is set. Neither is on by default.</summary>
    public static IServiceCollection AddIntakeSources(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(IntakeOptions.SectionName).Get<IntakeOptions>() ?? new IntakeOptions();
        if (!string.IsNullOrWhiteSpace(configuration[AzureQueueServiceCollectionExtensions.ConnectionStringKey]
                                       ?? configuration[AzureQueueServiceCollectionExtensions.FunctionsConnectionStringKey]))
        {
            var queue = configuration.GetSection(IntakeOptions.QueueSectionName);
            var listenerOptions = new QueueListenerOptions { QueueName = queue[nameof(QueueListenerOptions.QueueName)] ?? IntakeOptions.DefaultQueueName };
            queue.Bind(listenerOptions);
            services.AddAzureQueueClient(configuration);
            services.AddSingleton(provider => new QueueListener(
                provider.GetRequiredService<StorageQueueService>(), listenerOptions,
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<QueueListener>>()));
            services.AddHostedService<QueueIntakeService>();
        }

        if (!string.IsNullOrWhiteSpace(options.WatchFolder))
        {
            services.AddSingleton(new FolderIntakeOptions(options.WatchFolder, options.FolderPollInterval));
            services.AddHostedService<FolderIntakeService>();
        }

        return services;
    }
}
