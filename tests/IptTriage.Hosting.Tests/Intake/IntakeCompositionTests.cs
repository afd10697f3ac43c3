using IptTriage.Hosting.Intake;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Hosting.Tests.Intake;

public sealed class IntakeCompositionTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-intake-composition-").FullName;

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private IEnumerable<Type?> HostedServices(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new(settings) { ["IptTriage:DataDirectory"] = dataDirectory });
        services.AddIptTriage(configuration).AddIntakeSources(configuration);
        return services.Where(s => s.ServiceType == typeof(IHostedService)).Select(s => s.ImplementationType);
    }

    [Fact]
    public void Without_a_connection_string_or_a_watch_folder_no_intake_source_runs()
    {
        HostedServices([]).Should().NotContain([typeof(QueueIntakeService), typeof(FolderIntakeService)]);
    }

    [Fact]
    public void A_connection_string_turns_the_queue_on_and_a_watch_folder_the_folder()
    {
        HostedServices(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .Should().Contain(typeof(QueueIntakeService)).And.NotContain(typeof(FolderIntakeService));
        HostedServices(new() { ["Intake:WatchFolder"] = Path.Combine(dataDirectory, "drop") })
            .Should().Contain(typeof(FolderIntakeService)).And.NotContain(typeof(QueueIntakeService));
    }

    [Fact]
    public void Identity_based_storage_settings_turn_the_queue_on_as_a_connection_string_does()
    {
        HostedServices(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stintake",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
        }).Should().Contain(typeof(QueueIntakeService));
        HostedServices(new() { ["AzureWebJobsStorage:credential"] = "managedidentity" })
            .Should().NotContain(typeof(QueueIntakeService), "a credential alone names no queue service");
    }

    [Fact]
    public void The_queue_listener_defaults_to_referral_intake_polled_at_least_every_two_seconds_and_takes_overrides()
    {
        var defaults = IntakeServices.IntakeQueueOptions(Configuration([]));
        var configured = IntakeServices.IntakeQueueOptions(Configuration(new()
        {
            ["Intake:Queue:QueueName"] = "other-intake",
            ["Intake:Queue:MaxDequeueCount"] = "3",
            ["Intake:Queue:MaxPollingInterval"] = "00:00:05",
        }));

        defaults.QueueName.Should().Be("referral-intake");
        defaults.PoisonQueueName.Should().Be("referral-intake-poison");
        defaults.MaxPollingInterval.Should().Be(TimeSpan.FromSeconds(2));
        defaults.MaxDequeueCount.Should().Be(5);
        configured.Should().BeEquivalentTo(defaults with { QueueName = "other-intake", MaxDequeueCount = 3, MaxPollingInterval = TimeSpan.FromSeconds(5) });
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }
}
