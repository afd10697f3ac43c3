using System.Text;
using Azure;
using Azure.Storage.Queues;
using IptTriage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.AzureQueues.Tests.Azurite;

/// <summary>The client as <see cref="QueueConnection"/> configures it, against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("AzureQueues:ConnectionString")]
    [InlineData("AzureWebJobsStorage")]
    public async Task The_registered_client_stores_text_as_base64_of_utf8_as_the_functions_trigger_reads_it(string setting)
    {
        const string text = "{\"referralId\":\"R-1\",\"note\":\"Grüße 你好 😊 <&>\"}";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [setting] = azurite.ConnectionString() }).Build();
        await using var services = new ServiceCollection().AddAzureQueueClient(configuration).BuildServiceProvider();
        var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient($"di-{Guid.NewGuid():N}");

        await queue.CreateAsync();
        var sent = (await queue.SendMessageAsync(text)).Value;
        var stored = (await azurite.RawService().GetQueueClient(queue.Name).PeekMessagesAsync()).Value.Should().ContainSingle().Subject;
        var received = (await queue.ReceiveMessagesAsync()).Value.Should().ContainSingle().Subject;

        stored.Body.ToString().Should().Be(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
        received.MessageId.Should().Be(sent.MessageId);
        received.DequeueCount.Should().Be(1);
        received.Body.ToString().Should().Be(text);
    }

    [Fact]
    public async Task A_received_message_that_is_not_base64_moves_unchanged_to_poison_and_the_rest_of_the_batch_arrives()
    {
        const string notBase64 = "{\"name\": \"a form sent without base64\"}";
        var queue = await azurite.NewQueueAsync();
        var raw = azurite.RawService();
        await raw.GetQueueClient(queue.Name).SendMessageAsync(notBase64);
        await queue.SendMessageAsync("good");
        var logs = new CapturedLogs();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(logs));
        var receiver = azurite.Service(logger: loggerFactory.CreateLogger("queue")).GetQueueClient(queue.Name);

        var received = (await receiver.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(1))).Value;
        await receiver.DeleteMessageAsync(received[0].MessageId, received[0].PopReceipt);

        received.Select(message => message.Body.ToString()).Should().Equal("good");
        (await raw.GetQueueClient(PoisonQueue.NameFor(queue.Name)).PeekMessagesAsync(32)).Value
            .Should().ContainSingle().Which.Body.ToString().Should().Be(notBase64);
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount.Should().Be(0, "the original was deleted");
        logs.Lines.Should().ContainSingle(line => line.Contains("is not base64")).Which.Should().NotContain("a form sent");
    }

    [Fact]
    public async Task When_the_move_to_poison_fails_the_receive_fails_and_the_message_stays_to_come_back()
    {
        // 63 characters, the longest queue name: its poison queue's name is too long, so the move fails.
        var queue = azurite.Service().GetQueueClient($"long-{Guid.NewGuid():N}{new string('x', 26)}");
        await queue.CreateAsync();
        await azurite.RawService().GetQueueClient(queue.Name).SendMessageAsync("plain text");

        var receive = () => queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1));

        (await receive.Should().ThrowAsync<AggregateException>()).WithInnerException<RequestFailedException>();
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount.Should().Be(1);
    }

    [Fact]
    public async Task A_peeked_message_that_is_not_base64_is_left_out_of_the_peek_and_left_in_the_queue()
    {
        var queue = await azurite.NewQueueAsync();
        await azurite.RawService().GetQueueClient(queue.Name).SendMessageAsync("plain text");

        var peeked = (await queue.PeekMessagesAsync(32)).Value;

        peeked.Should().BeEmpty();
        (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount.Should().Be(1);
    }

    [Fact]
    public async Task A_wrong_account_key_fails_with_403_AuthenticationFailed_and_no_key_in_the_error()
    {
        var wrongKey = Convert.ToBase64String("definitely-not-the-account-key-0123456789"u8.ToArray());

        var create = () => azurite.Service(accountKey: wrongKey).GetQueueClient("auth-check").CreateIfNotExistsAsync();

        var failure = (await create.Should().ThrowAsync<RequestFailedException>()).Which;
        failure.Status.Should().Be(403);
        failure.ErrorCode.Should().Be("AuthenticationFailed");
        failure.ToString().Should().NotContain(wrongKey).And.NotContain(AzuriteFixture.DevelopmentAccountKey);
    }
}
