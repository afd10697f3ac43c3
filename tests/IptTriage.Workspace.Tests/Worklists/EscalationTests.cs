using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

[Collection(FastEscalationCollection.Name)]
public sealed class EscalationTests(FastEscalationFixture workspace)
{
    [Fact]
    public async Task The_supervisor_sees_an_emergencys_escalations_rise_without_a_reload()
    {
        var page = await workspace.SignedInPageAsync("sam");
        await page.WaitForWorklistsAsync();
        await page.MarkLoadedAsync();

        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.EmergencySample);

        var escalations = page.Row("emergencies", referralId).Locator("td[data-escalations]");
        await Expect(escalations).ToHaveAttributeAsync("data-escalations", new Regex("^[1-9][0-9]*$"), new() { Timeout = 45_000 });
        var first = int.Parse((await escalations.GetAttributeAsync("data-escalations"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(escalations).ToHaveAttributeAsync("data-escalations", AnyNumberAbove(first), new() { Timeout = 45_000 });
        await Expect(escalations).ToContainTextAsync("to the supervisor");
        await page.ShouldNotHaveReloadedAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    private static Regex AnyNumberAbove(int value) =>
        new($"^({string.Join('|', Enumerable.Range(value + 1, 100))})$");
}
