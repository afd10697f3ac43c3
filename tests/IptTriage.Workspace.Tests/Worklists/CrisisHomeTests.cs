using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>The crisis team's home: the open emergencies, live, acknowledged from the list.</summary>
[Collection(WorklistsCollection.Name)]
public sealed class CrisisHomeTests(WorklistsServerFixture workspace)
{
    [Fact]
    public async Task The_crisis_team_sees_a_new_emergency_without_a_reload_and_acknowledges_it()
    {
        var page = await workspace.SignedInPageAsync("carol");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open emergencies" })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-count=emergencies]")).ToContainTextAsync("for acknowledgement");
        await page.MarkLoadedAsync();

        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.EmergencySample);

        var row = page.Row("emergencies", referralId);
        await Expect(row).ToBeVisibleAsync(WorklistPages.LiveUpdate);
        await Expect(page.Locator("#announcer")).ToContainTextAsync($"New emergency: {referralId}");
        await Expect(row.Locator("td").First).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^(just now|.* ago)"));
        await page.ShouldNotHaveReloadedAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.ScreenshotAsync(page, "crisis-home");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge emergency {referralId}" }).ClickAsync();

        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 45_000 });
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-clinic");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task The_crisis_home_fits_375_px_without_horizontal_scrolling()
    {
        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.EmergencySample);
        var page = await workspace.SignedInPageAsync("carol", width: 375);

        await Expect(page.Row("emergencies", referralId)).ToBeVisibleAsync(WorklistPages.LiveUpdate);

        await page.ShouldNotScrollSidewaysAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }
}
