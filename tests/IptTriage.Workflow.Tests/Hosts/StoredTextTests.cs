using Microsoft.DurableTask;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>The personal-data scans read <see cref="DurableTestHost.StoredTextAsync"/>; this shows it surfaces what an
/// orchestration was given, however the host encoded it, so a leak would fail them.</summary>
public sealed class StoredTextTests
{
    [Theory, BothHosts]
    public async Task Stored_text_holds_inputs_and_event_payloads_as_written(WorkflowHost kind)
    {
        await using var host = await DurableTestHost.StartAsync(kind, tasks => tasks.AddOrchestratorFunc<string, string>("Echoes",
            async (context, input) => input + " / " + await context.WaitForExternalEvent<string>("Reply")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echoes", "Lucía Fernández");
        await host.Client.WaitForInstanceStartAsync(id);

        await host.Client.RaiseEventAsync(id, "Reply", "Siobhán O'Brien <siobhan@example.org>");
        await host.CompletionAsync(id);

        // The data converter writes these as "Luc\u00EDa" and "O\u0027Brien": found only if the dump unescapes them.
        (await host.StoredTextAsync()).Should().Contain("Lucía Fernández").And.Contain("Siobhán O'Brien <siobhan@example.org>");
    }
}
