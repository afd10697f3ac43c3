using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

[Collection(FastEscalationCollection.Name)]
public sealed class EscalationTests(FastEscalationFixture workspace)
{
    [Fact]
    public async Task The_supervisor_sees_an_emergencys_escalations_rise_and_its_next_escalation_move_on_without_a_reload()
    {
        var page = await workspace.SignedInPageAsync("sam");
        await page.WaitForWorklistsAsync();
        await page.MarkLoadedAsync();

        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.EmergencySample);

        var row = page.Row("emergencies", referralId);
        var escalations = row.Locator("td[data-escalations]");
        var next = row.Locator("td[data-next-escalation]");
        await Expect(escalations).ToHaveAttributeAsync("data-escalations", new Regex("^[1-9][0-9]*$"), new() { Timeout = 45_000 });
        var first = int.Parse((await escalations.GetAttributeAsync("data-escalations"))!, System.Globalization.CultureInfo.InvariantCulture);
        var firstNext = (await next.GetAttributeAsync("data-next-escalation"))!;
        firstNext.Should().NotBeEmpty("an unacknowledged emergency always has a next escalation");
        await Expect(next.Locator("time")).ToHaveAttributeAsync("datetime", firstNext);
        await Expect(escalations).ToHaveAttributeAsync("data-escalations", AnyNumberAbove(first), new() { Timeout = 45_000 });
        await Expect(escalations).ToContainTextAsync("to the supervisor");
        await Expect(next).Not.ToHaveAttributeAsync("data-next-escalation", firstNext, new() { Timeout = 45_000 });
        var laterNext = (await next.GetAttributeAsync("data-next-escalation"))!;
        DateTimeOffset.Parse(laterNext, System.Globalization.CultureInfo.InvariantCulture).Should()
            .BeAfter(DateTimeOffset.Parse(firstNext, System.Globalization.CultureInfo.InvariantCulture), "each escalation moves the next one on");
        await Expect(next.Locator("time")).ToHaveAttributeAsync("datetime", laterNext);
        await page.ShouldNotHaveReloadedAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    private static Regex AnyNumberAbove(int value) =>
        new($"^({string.Join('|', Enumerable.Range(value + 1, 100))})$");
}
