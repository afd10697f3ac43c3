using IptTriage.Functions.Intake;
using IptTriage.Hosting;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Functions.Tests.Intake;

/// <summary>The queue trigger over the real intake and a real SQLite record store; only the Durable Functions client
/// and the function context, which cannot exist here, are fakes.</summary>
public sealed class ReferralIntakeFunctionTests : IDisposable
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-functions-").FullName;
    private readonly ServiceProvider services;
    private readonly FakeDurableClient client = new();

    public ReferralIntakeFunctionTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory })
            .Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddReferralActivityServices(configuration);
        services = collection.BuildServiceProvider();
    }

    [Fact]
    public async Task A_valid_form_delivered_twice_starts_one_orchestration_named_by_its_referral_id()
    {
        var form = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", "0101-ipt-grief-spanish-speaking-widow.json"));

        await DeliverAsync(form, "msg-1");
        await DeliverAsync(form, "msg-1");

        client.Started.Should().Equal((ReferralOrchestrator.Name, "SMP-0101", (object?)"SMP-0101"));
        (await Records.FindAsync("SMP-0101"))!.Status.Should().Be(ReferralStatus.Received);
    }

    [Fact]
    public async Task An_invalid_form_is_recorded_under_the_message_id_and_completes_without_starting_anything()
    {
        var deliver = () => DeliverAsync("{ this is not a referral form", "msg-2");

        await deliver.Should().NotThrowAsync("a thrown exception would send the message to the poison queue");
        client.Started.Should().BeEmpty();
        (await Records.FindAsync("queue-msg-2"))!.Status.Should().Be(ReferralStatus.Invalid);
    }

    private IRecordStore Records => services.GetRequiredService<IRecordStore>();

    private Task DeliverAsync(string message, string messageId) =>
        new ReferralIntakeFunction(services, services.GetRequiredService<ILogger<ReferralIntakeFunction>>())
            .RunAsync(message, client, new QueueContext(messageId), CancellationToken.None);

    public void Dispose()
    {
        services.Dispose();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private sealed class QueueContext(string messageId) : FunctionContext
    {
        public override BindingContext BindingContext { get; } = new Binding(messageId);

        private sealed class Binding(string messageId) : BindingContext
        {
            public override IReadOnlyDictionary<string, object?> BindingData { get; } = new Dictionary<string, object?> { ["Id"] = messageId };
        }
    }

    /// <summary>Remembers what was started, as the task hub would.</summary>
    private sealed class FakeDurableClient : DurableTaskClient
    {
        public List<(string Name, string InstanceId, object? Input)> Started { get; } = [];

        public override Task<string> ScheduleNewOrchestrationInstanceAsync(
            TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
        {
            Started.Add((orchestratorName.Name, options!.InstanceId!, input));
            return Task.FromResult(options.InstanceId!);
        }

        public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default) =>
            throw new NotSupportedException("intake raises no events");

        public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
            Task.FromResult(Started.Any(start => start.InstanceId == instanceId) ? new OrchestrationMetadata(ReferralOrchestrator.Name, instanceId) : null);
    }
}
