using IptTriage.AzureQueues;
using IptTriage.Composition;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Intake;

public static class IntakeServices
{
    /// <summary>Listens to the <c>referral-intake</c> queue when a queue service is configured (a connection string in
    /// <c>AzureQueues:ConnectionString</c> or <c>AzureWebJobsStorage</c>, or an identity-based <c>…:accountName</c> /
    /// <c>…:queueServiceUri</c>: <see cref="QueueConnection.FromConfiguration"/>), and watches <c>Intake:WatchFolder</c>
    /// when it is set. Neither is on by default.</summary>
    public static IServiceCollection AddIntakeSources(this IServiceCollection services, IConfiguration configuration)
    {
        var options = IntakeOptions.Read(configuration);
        if (QueueConnection.FromConfiguration(configuration) is not null)
        {
            services.AddAzureQueueClient(configuration);
            services.AddSingleton(IntakeQueueOptions(configuration));
            services.AddSingleton<QueueListener>();
            services.AddHostedService<QueueIntakeService>();
        }

        if (!string.IsNullOrWhiteSpace(options.WatchFolder))
        {
            services.AddSingleton(new FolderIntakeOptions(options.WatchFolder, options.FolderPollInterval));
            services.AddHostedService<FolderIntakeService>();
        }

        return services;
    }

    /// <summary>The intake queue listener's settings: <c>Intake:Queue</c> over the defaults (queue <c>referral-intake</c>,
    /// idle polling at most <see cref="IntakeOptions.DefaultMaxPollingInterval"/> apart).</summary>
    public static QueueListenerOptions IntakeQueueOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(IntakeOptions.QueueSectionName);
        var options = new QueueListenerOptions
        {
            QueueName = section[nameof(QueueListenerOptions.QueueName)] ?? IntakeQueue.DefaultName,
            MaxPollingInterval = IntakeOptions.DefaultMaxPollingInterval,
        };
        section.Bind(options);
        return options;
    }
}
