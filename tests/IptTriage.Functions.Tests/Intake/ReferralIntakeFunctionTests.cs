using IptTriage.Functions.Intake;
using IptTriage.Functions.Tests.Orchestration;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Functions.Tests.Intake;

/// <summary>The queue trigger over the real intake, a real SQLite record store and a real Durable Task client (the
/// embedded engine's, running the app's own orchestrator function); only the invocation context is a stand-in.</summary>
public sealed class ReferralIntakeFunctionTests : IAsyncLifetime
{
    private FunctionsTaskHub hub = null!;

    public async Task InitializeAsync() => hub = await FunctionsTaskHub.StartAsync();

    public async Task DisposeAsync() => await hub.DisposeAsync();

    [Fact]
    public async Task A_valid_form_delivered_twice_starts_one_orchestration_named_by_its_referral_id()
    {
        var form = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "samples", "intake", "0101-ipt-grief-spanish-speaking-widow.json"));

        await DeliverAsync(hub, form, "msg-1");
        await DeliverAsync(hub, form, "msg-1");

        var instances = await hub.Client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).ToListAsync();
        instances.Should().ContainSingle();
        instances[0].InstanceId.Should().Be("SMP-0101");
        instances[0].Name.Should().Be(ReferralOrchestrator.Name);
        instances[0].ReadInputAs<string>().Should().Be("SMP-0101", "the referral id is the orchestration's only input");
        (await Records.FindAsync("SMP-0101")).Should().NotBeNull();
    }

    [Fact]
    public async Task An_invalid_form_is_recorded_under_the_message_id_by_its_own_orchestration()
    {
        var deliver = () => DeliverAsync(hub, "{ this is not a referral form", "msg-2");

        await deliver.Should().NotThrowAsync("a thrown exception would send the message to the poison queue");
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        (await hub.Client.WaitForInstanceCompletionAsync("queue-msg-2", getInputsAndOutputs: true, guard.Token)).ReadOutputAs<ReferralStatus>()
            .Should().Be(ReferralStatus.Invalid);
        (await Records.FindAsync("queue-msg-2"))!.Status.Should().Be(ReferralStatus.Invalid);
    }

    private IRecordStore Records => hub.Services.GetRequiredService<IRecordStore>();

    /// <summary>One queue message through the function, with the hub's client where the host binds <c>[DurableClient]</c>.</summary>
    internal static Task DeliverAsync(FunctionsTaskHub hub, string message, string messageId)
    {
        var services = hub.Services;
        return new ReferralIntakeFunction(services, services.GetRequiredService<ILogger<ReferralIntakeFunction>>())
            .RunAsync(message, hub.Client, new QueueMessageContext(messageId, services), CancellationToken.None);
    }
}
