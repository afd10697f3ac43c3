using Azure.Identity;
using IptTriage.AzureQueues;
using IptTriage.Email;
using IptTriage.Api.Security;
using IptTriage.Composition;
using IptTriage.Workflow;
using Microsoft.Extensions.Configuration;
using static IptTriage.Hosting.Tests.Deployment.DeploymentFiles;

namespace IptTriage.Hosting.Tests.Deployment;

/// <summary>The app settings the Bicep gives the Function app against what the code binds: every setting written is
/// one the app (or the platform) reads, under a name its options classes accept.</summary>
public sealed class AppSettingsTests
{
    /// <summary>The configuration sections the app binds, each to the class that binds it.</summary>
    private static readonly Dictionary<string, Type> BoundSections = new()
    {
        [SendGridOptions.SectionName] = typeof(SendGridOptions),
        [WorkflowOptions.SectionName] = typeof(WorkflowOptions),
        [IptTriageOptions.SectionName] = typeof(IptTriageOptions),
        [ApiKeyOptions.SectionName] = typeof(ApiKeyOptions),
        // The Functions host's storage connection, which the intake queue client reads the same way.
        [QueueConnection.FunctionsSectionName] = typeof(QueueConnectionSettings),
    };

    /// <summary>Read as single values, not bound from a section.</summary>
    private static readonly string[] SingleSettings =
    [
        RecordStores.PostgresConnectionStringSetting,
        WorkspaceOptions.BaseUrlKey,
        "APPLICATIONINSIGHTS_CONNECTION_STRING", // the Functions host's telemetry
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING", // its Entra sign-in to Application Insights
        "AZURE_CLIENT_ID", // Azure.Identity's managed identity, for the PostgreSQL token
        "AppServiceAuthentication:Enabled", // whether the Functions app trusts App Service Authentication's principal header
    ];

    private static readonly IReadOnlyDictionary<string, string> Settings = FunctionAppSettings();

    private static IConfiguration Configuration => new ConfigurationBuilder()
        .AddInMemoryCollection(Settings.Select(setting => KeyValuePair.Create(ConfigurationKey(setting.Key), (string?)setting.Value)))
        .Build();

    [Fact]
    public void The_bicep_gives_the_function_app_its_settings()
    {
        Settings.Keys.Should().Contain(["SendGrid__ApiKey", "AzureWebJobsStorage__accountName", "Api__Keys__0__Role", "Api__Keys__0__Key"]);
    }

    [Fact]
    public void Every_setting_is_in_a_section_the_app_binds_or_is_one_it_reads_as_it_is()
    {
        var unread = Settings.Keys.Select(ConfigurationKey)
            .Where(key => !BoundSections.ContainsKey(key.Split(':')[0]) && !SingleSettings.Contains(key));

        unread.Should().BeEmpty("every app setting is read by the app or the platform");
    }

    [Fact]
    public void Every_bound_section_takes_the_settings_without_a_name_its_options_class_does_not_know()
    {
        foreach (var (section, type) in BoundSections)
        {
            var bind = () => Configuration.GetSection(section).Get(type, binder => binder.ErrorOnUnknownConfiguration = true);

            bind.Should().NotThrow($"each {section}__ setting is a property of {type.Name}");
        }
    }

    [Fact]
    public void The_storage_settings_name_the_accounts_queue_service_reached_as_the_managed_identity()
    {
        var connection = QueueConnection.FromConfiguration(Configuration)!;

        connection.Source.Should().Be("AzureWebJobsStorage:accountName");
        connection.ServiceUri.Should().Be(new Uri($"https://{Settings["AzureWebJobsStorage__accountName"]}.queue.core.windows.net"));
        connection.Credential.Should().BeOfType<ManagedIdentityCredential>();
    }

    [Fact]
    public void The_local_sample_names_azurite_through_a_connection_string()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettings.Select(setting => KeyValuePair.Create(ConfigurationKey(setting.Key), (string?)setting.Value)))
            .Build();

        var connection = QueueConnection.FromConfiguration(configuration)!;

        connection.Source.Should().Be("AzureWebJobsStorage");
        connection.ServiceUri.Should().BeNull("a connection string carries its own endpoint");
    }

    private static string ConfigurationKey(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);
}
