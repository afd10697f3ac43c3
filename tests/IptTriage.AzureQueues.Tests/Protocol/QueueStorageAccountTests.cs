using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.AzureQueues.Tests.Protocol;

public sealed class QueueStorageAccountTests
{
    private const string Key = "c2VjcmV0LWtleS1ieXRlcw==";

    [Fact]
    public void Development_storage_means_the_azurite_account_on_port_10001()
    {
        var account = QueueStorageAccount.Parse("UseDevelopmentStorage=true");

        account.AccountName.Should().Be("devstoreaccount1");
        account.QueueEndpoint.Should().Be(new Uri("http://127.0.0.1:10001/devstoreaccount1"));
    }

    [Fact]
    public void An_account_string_builds_the_public_endpoint_from_protocol_name_and_suffix()
    {
        var account = QueueStorageAccount.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=clinicstore;AccountKey={Key};EndpointSuffix=core.windows.net");

        account.QueueEndpoint.Should().Be(new Uri("https://clinicstore.queue.core.windows.net"));
        account.AccountKey.Should().Equal("secret-key-bytes"u8.ToArray());
        account.ToString().Should().NotContain(Key);
    }

    [Fact]
    public void An_explicit_queue_endpoint_wins()
    {
        var account = QueueStorageAccount.Parse(
            $"AccountName=devstoreaccount1;AccountKey={Key};QueueEndpoint=http://127.0.0.1:5555/devstoreaccount1;");

        account.QueueEndpoint.Should().Be(new Uri("http://127.0.0.1:5555/devstoreaccount1"));
    }

    [Theory]
    [InlineData("AccountName=a;DefaultEndpointsProtocol=https", "'AccountKey' is missing")]
    [InlineData("AccountKey=c2VjcmV0;DefaultEndpointsProtocol=https", "'AccountName' is missing")]
    [InlineData("AccountName=a;AccountKey=not*base64!", "'AccountKey' is not valid base64")]
    [InlineData("AccountName=a;AccountKey=c2VjcmV0;QueueEndpoint=ftp://x", "'QueueEndpoint' is not an absolute http(s) URI")]
    [InlineData("just some text", "every part must be 'Name=value'")]
    public void A_bad_connection_string_names_what_is_wrong_without_echoing_the_key(string connectionString, string error)
    {
        var parse = () => QueueStorageAccount.Parse(connectionString);

        parse.Should().Throw<FormatException>().Which.Message.Should().Contain(error).And.NotContain("not*base64!");
    }

    [Fact]
    public void The_di_registration_reads_the_functions_connection_string_when_no_own_one_is_set()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .Build();
        using var services = new ServiceCollection().AddAzureQueueClient(configuration).BuildServiceProvider();

        var service = services.GetRequiredService<StorageQueueService>();

        service.Account.AccountName.Should().Be("devstoreaccount1");
        service.GetQueue("referral-intake").Name.Should().Be("referral-intake");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    public void Invalid_queue_names_are_refused_with_the_rule(string name)
    {
        var service = QueueServiceFor("UseDevelopmentStorage=true");

        var get = () => service.GetQueue(name);

        get.Should().Throw<ArgumentException>().Which.Message.Should().Contain("3-63 lowercase letters");
    }

    private static StorageQueueService QueueServiceFor(string connectionString) =>
        new(new HttpClient(), QueueStorageAccount.Parse(connectionString), TimeProvider.System);
}
