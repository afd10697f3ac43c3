using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.AzureQueues.Tests.Connection;

public sealed class QueueConnectionTests
{
    private const string ClientId = "6b2f1a57-0000-4000-8000-00000000c11d";

    [Fact]
    public void The_functions_identity_settings_name_the_public_endpoint_and_sign_in_as_that_managed_identity()
    {
        var connection = Read(new()
        {
            ["AzureWebJobsStorage:accountName"] = "stintake",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = ClientId,
        })!;
        var client = connection.CreateClient(NullLogger.Instance);

        connection.Source.Should().Be("AzureWebJobsStorage:accountName");
        connection.ServiceUri.Should().Be(new Uri("https://stintake.queue.core.windows.net"));
        connection.Credential.Should().BeOfType<ManagedIdentityCredential>();
        client.Uri.Should().Be(new Uri("https://stintake.queue.core.windows.net"));
        client.AccountName.Should().Be("stintake");
    }

    [Fact]
    public void A_queue_service_uri_without_a_credential_setting_signs_in_with_the_default_azure_credential()
    {
        var connection = Read(new() { ["AzureQueues:QueueServiceUri"] = "https://stother.queue.core.usgovcloudapi.net" })!;

        connection.Source.Should().Be("AzureQueues:queueServiceUri");
        connection.ServiceUri.Should().Be(new Uri("https://stother.queue.core.usgovcloudapi.net"));
        connection.Credential.Should().BeOfType<DefaultAzureCredential>();
    }

    [Fact]
    public void The_projects_own_section_wins_over_the_functions_settings()
    {
        var connection = Read(new()
        {
            ["AzureQueues:ConnectionString"] = "UseDevelopmentStorage=true",
            ["AzureWebJobsStorage:accountName"] = "stintake",
        })!;

        connection.Source.Should().Be("AzureQueues:ConnectionString");
        connection.ServiceUri.Should().BeNull();
        connection.Credential.Should().BeNull();
        connection.CreateClient(NullLogger.Instance).Uri.Should().Be(new Uri("http://127.0.0.1:10001/devstoreaccount1"));
    }

    [Fact]
    public void A_value_on_the_functions_setting_itself_is_a_connection_string()
    {
        var connection = Read(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })!;

        connection.Source.Should().Be("AzureWebJobsStorage");
        connection.ToString().Should().Be("queue service from AzureWebJobsStorage").And.NotContain("UseDevelopmentStorage");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage:credential", "managedidentity")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https://stintake.blob.core.windows.net")]
    [InlineData("AzureQueues:ClientId", ClientId)]
    public void Settings_that_name_no_queue_service_are_no_connection(string key, string value)
    {
        Read(new() { [key] = value }).Should().BeNull();
    }

    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=a;AccountKey=not*base64!")]
    [InlineData("AccountKey=not*base64!")]
    public void A_malformed_connection_string_fails_without_echoing_its_key(string connectionString)
    {
        var create = () => QueueConnection.FromConnectionString(connectionString).CreateClient(NullLogger.Instance);

        create.Should().Throw<Exception>().Which.ToString().Should().NotContain("not*base64!");
    }

    [Fact]
    public void Resolving_the_client_without_any_setting_fails_naming_the_settings_to_set()
    {
        using var services = new ServiceCollection().AddAzureQueueClient(new ConfigurationBuilder().Build()).BuildServiceProvider();

        var resolve = () => services.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>();

        resolve.Should().Throw<InvalidOperationException>()
            .Which.Message.Should().Contain("AzureQueues:ConnectionString").And.Contain("AzureWebJobsStorage:accountName");
    }

    private static QueueConnection? Read(Dictionary<string, string?> settings) =>
        QueueConnection.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
}
