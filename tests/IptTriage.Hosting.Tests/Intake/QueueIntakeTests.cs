using System.Reflection;
using System.Text;
using Azure.Storage.Queues;
using IptTriage.AzureQueues;
using IptTriage.AzureQueues.Tests.Azurite;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class QueueIntakeTests(AzuriteFixture azurite) : IDisposable
{
    private const string ValidSample = "0101-ipt-grief-spanish-speaking-widow.json";
    private const string ValidSampleId = "SMP-0101";
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-queue-").FullName;
    private readonly string queueName = $"intake-{Guid.NewGuid():N}";
    private readonly StorageRequestLog storage = new();

    private QueueClient Queue => azurite.Service().GetQueueClient(queueName);

    private QueueClient Poison => azurite.RawService().GetQueueClient(PoisonQueue.NameFor(queueName));

    private async Task<IntakeHost> StartHostAsync(Action<IServiceCollection>? configure = null) =>
        await IntakeHost.StartAsync(dataDirectory, new()
        {
            ["AzureQueues:ConnectionString"] = azurite.ConnectionString(),
            ["Intake:Queue:QueueName"] = queueName,
            ["Intake:Queue:MaxPollingInterval"] = "00:00:00.200",
        }, services =>
        {
            storage.AttachTo(services, azurite.ConnectionString());
            configure?.Invoke(services);
        });

    private async Task CreateQueuesAsync()
    {
        await Queue.CreateAsync();
        await Poison.CreateAsync();
    }

    private Task WaitUntilDeletedAsync(string messageId) =>
        IntakeHost.WaitUntilAsync(() => Task.FromResult<object?>(storage.Deleted(queueName, messageId) ? true : null));

    [Fact]
    public async Task A_valid_form_on_the_queue_is_stored_and_its_one_orchestration_reaches_the_clinic_offer()
    {
        await CreateQueuesAsync();
        var sent = (await Queue.SendMessageAsync(Encoding.UTF8.GetString(IntakeHost.Sample(ValidSample)))).Value;
        await using var host = await StartHostAsync();

        await host.WaitForStatusAsync(ValidSampleId, ReferralStatus.AwaitingClinic);
        await WaitUntilDeletedAsync(sent.MessageId);

        (await host.Records.ReadFormAsync(ValidSampleId)).Should().Equal(IntakeHost.Sample(ValidSample));
        (await host.OrchestrationCountAsync()).Should().Be(1);
        (await Queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
        (await Poison.PeekMessagesAsync(32)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task A_form_sent_twice_and_redelivered_after_a_crash_makes_one_referral_one_orchestration_and_one_screening()
    {
        await CreateQueuesAsync();
        var text = Encoding.UTF8.GetString(IntakeHost.Sample(ValidSample));
        var crashed = (await Queue.SendMessageAsync(text)).Value;
        var duplicate = (await Queue.SendMessageAsync(text)).Value;
        // A consumer took the first message and died before deleting it: it comes back when its visibility runs out.
        var taken = (await Queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(2))).Value.Should().ContainSingle().Subject;
        taken.MessageId.Should().Be(crashed.MessageId);
        await using var host = await StartHostAsync();
        await host.Intake.SubmitAsync(taken.Body.ToArray(), "the crashed consumer's submission");

        await WaitUntilDeletedAsync(duplicate.MessageId);
        await WaitUntilDeletedAsync(crashed.MessageId);
        await host.WaitForStatusAsync(ValidSampleId, ReferralStatus.AwaitingClinic);

        (await host.OrchestrationCountAsync()).Should().Be(1);
        var audit = await host.Records.ReadAuditAsync(ValidSampleId);
        audit.Count(entry => entry.Step == AuditStep.Screened).Should().Be(1);
        (await host.Records.ListNotificationsAsync(ValidSampleId)).Select(n => n.Key).Should().OnlyHaveUniqueItems();
        (await Queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
        (await Poison.PeekMessagesAsync(32)).Value.Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_form_is_recorded_invalid_alerted_and_removed_and_a_message_that_is_not_base64_goes_to_poison_unchanged()
    {
        await CreateQueuesAsync();
        const string notBase64 = "this is not base64 {";
        var malformed = (await azurite.RawService().GetQueueClient(queueName).SendMessageAsync(notBase64)).Value;
        var invalid = (await Queue.SendMessageAsync(
            Encoding.UTF8.GetString(IntakeHost.Sample(Path.Combine("invalid", "phq9-item-out-of-range.json"))))).Value;
        await using var host = await StartHostAsync();

        await WaitUntilDeletedAsync(invalid.MessageId);
        await WaitUntilDeletedAsync(malformed.MessageId);

        var invalidId = await IntakeHost.WaitUntilAsync(async () =>
            (await host.Records.ListAsync(ReferralStatus.Invalid)).Select(r => r.ReferralId).FirstOrDefault());
        (await host.Records.ListAsync(ReferralStatus.Invalid)).Should().ContainSingle("the message that is not base64 never reached intake");
        // The invalid form's orchestration sends the alert after recording the form invalid.
        (await IntakeHost.WaitUntilAsync(async () => (await host.Records.ListNotificationsAsync(invalidId)).SingleOrDefault(n => n.State == DeliveryState.Sent)))
            .Kind.Should().Be("coordinator-invalid-form");
        (await host.Records.FindAsync($"queue-{malformed.MessageId}")).Should().BeNull();
        (await host.OrchestrationCountAsync()).Should().Be(1, "the invalid form's own, and none for the message that never reached intake");
        Directory.GetFiles(Path.Combine(dataDirectory, "outbox"), "*.eml").Should().HaveCount(1);
        (await Queue.PeekMessagesAsync(32)).Value.Should().BeEmpty();
        (await Poison.PeekMessagesAsync(32)).Value.Should().ContainSingle().Which.Body.ToString().Should().Be(notBase64);
    }

    [Fact]
    public async Task A_database_failure_leaves_the_message_to_be_redelivered_and_the_referral_is_taken_in_on_the_next_delivery()
    {
        await CreateQueuesAsync();
        var sent = (await Queue.SendMessageAsync(Encoding.UTF8.GetString(IntakeHost.Sample(ValidSample)))).Value;
        await using var host = await StartHostAsync(services =>
        {
            var real = (IRecordStore)services.Single(s => s.ServiceType == typeof(IRecordStore)).ImplementationInstance!;
            services.AddSingleton(FirstAddFails.Around(real));
        });

        await WaitUntilDeletedAsync(sent.MessageId);

        storage.VisibilityUpdates(queueName).Should().Be(1, "the failed delivery was put back on the queue once");
        (await host.Records.FindAsync(ValidSampleId)).Should().NotBeNull();
        (await host.OrchestrationCountAsync()).Should().Be(1);
        (await Poison.PeekMessagesAsync(32)).Value.Should().BeEmpty();
    }

    public void Dispose() => Directory.Delete(dataDirectory, recursive: true);

    /// <summary>The real record store, except that its first <c>AddAsync</c> fails as an unavailable database would.</summary>
    public class FirstAddFails : DispatchProxy
    {
        private IRecordStore inner = null!;
        private int adds;

        public static IRecordStore Around(IRecordStore inner)
        {
            var proxy = Create<IRecordStore, FirstAddFails>();
            ((FirstAddFails)(object)proxy).inner = inner;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == nameof(IRecordStore.AddAsync) && Interlocked.Increment(ref adds) == 1)
                throw new IOException("database unavailable");
            try
            {
                return targetMethod.Invoke(inner, args);
            }
            catch (TargetInvocationException exception)
            {
                throw exception.InnerException!;
            }
        }
    }
}
