using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>The coordinators' home (docs/workspace.md, "Worklists"): tabs with counts, kept live by polling.</summary>
[Collection(WorklistsCollection.Name)]
public sealed class CoordinatorHomeTests(WorklistsServerFixture workspace)
{
    [Fact]
    public async Task A_new_emergency_appears_without_a_reload_is_announced_and_leaves_the_list_once_acknowledged()
    {
        var page = await workspace.SignedInPageAsync("alice");
        await page.WaitForWorklistsAsync();
        await page.MarkLoadedAsync();
        await page.Tab("Emergencies").FocusAsync();

        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.EmergencySample);

        var row = page.Row("emergencies", referralId);
        await Expect(row).ToBeVisibleAsync(WorklistPages.LiveUpdate);
        await Expect(page.Locator("#announcer")).ToContainTextAsync($"New emergency: {referralId}");
        await page.ShouldNotHaveReloadedAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement.id")).Should().Be("tab-emergencies", "a live update does not move focus");
        await Expect(row.Locator("td[data-escalations]")).ToHaveTextAsync("None yet");
        await Expect(row.Locator("td[data-next-escalation]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^in 1[0-5] min"));
        await Expect(row.Locator("td[data-next-escalation] time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex(@"^\d{4}-\d{2}-\d{2}T"));
        await Expect(row.GetByRole(AriaRole.Link, new() { Name = referralId })).ToHaveAttributeAsync("href", $"/cases/{referralId}");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.ScreenshotAsync(page, "coordinator-home");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge emergency {referralId}" }).ClickAsync();

        await Expect(page.Locator("#announcer")).ToContainTextAsync($"Emergency {referralId} acknowledged.");
        await Expect(row).ToHaveCountAsync(0, new() { Timeout = 45_000 });
        await page.ShouldNotHaveReloadedAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task A_review_is_under_reviews_with_its_countdown_and_the_tab_counts_match_the_rows()
    {
        var review = await workspace.Server.SubmitSampleAsync(WorklistPages.ReviewSample);
        var routed = await workspace.Server.SubmitSampleAsync(WorklistPages.RoutedSample);
        await workspace.Server.WaitForStatusAsync(review, "awaiting-review");
        await workspace.Server.WaitForStatusAsync(routed, "awaiting-clinic");
        var page = await workspace.SignedInPageAsync("alice");
        await page.WaitForWorklistsAsync();

        await page.Tab("Reviews").ClickAsync();

        var row = page.Row("reviews", review);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("[data-due]")).ToHaveTextAsync(new Regex(@"^Due in \d+ h \d+ min"));
        await Expect(page).ToHaveURLAsync(new Regex(@"/\?tab=reviews$"));
        await Expect(page.Tab("Reviews")).ToHaveAttributeAsync("aria-selected", "true");
        await CountShouldMatchRowsAsync(page, "reviews");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        await page.Tab("Awaiting clinic").ClickAsync();
        await Expect(page.Row("awaiting-clinic", routed)).ToBeVisibleAsync();
        await Expect(page.Row("awaiting-clinic", routed).Locator("[data-due]")).ToHaveTextAsync(new Regex(@"^Due in \d+ (h|days)"));
        await CountShouldMatchRowsAsync(page, "awaiting-clinic");
        await Expect(page.Row("awaiting-clinic", review)).ToHaveCountAsync(0);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        await page.ReloadAsync();
        await Expect(page.Tab("Awaiting clinic")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Row("awaiting-clinic", routed)).ToBeVisibleAsync();
        await page.Tab("Unplaced").ClickAsync();
        await page.WaitForWorklistsAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await page.Tab("My cases").ClickAsync();
        await Expect(page.Locator("#worklist-panel h2")).ToHaveTextAsync("My cases");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task The_arrow_keys_move_between_tabs()
    {
        var page = await workspace.SignedInPageAsync("sam");
        await page.WaitForWorklistsAsync();
        await page.Tab("Emergencies").FocusAsync();

        await page.Keyboard.PressAsync("ArrowRight");

        await Expect(page.Tab("Reviews")).ToBeFocusedAsync();
        await Expect(page.Tab("Reviews")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Locator("#worklist-panel h2")).ToHaveTextAsync("Reviews");
    }

    [Fact]
    public async Task The_home_fits_375_px_without_horizontal_scrolling()
    {
        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.ReviewSample);
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await workspace.SignedInPageAsync("alice", width: 375);
        await page.WaitForWorklistsAsync();
        await page.ShouldNotScrollSidewaysAsync();
        await page.Tab("Reviews").ClickAsync();
        await Expect(page.Row("reviews", referralId)).ToBeVisibleAsync();

        await page.ShouldNotScrollSidewaysAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    /// <summary>The tab's count is the number of rows its list shows (each list here is under its 100-row page).</summary>
    private static async Task CountShouldMatchRowsAsync(IPage page, string tab)
    {
        var rows = await page.Locator($"table[data-list=\"{tab}\"] tbody tr").CountAsync();
        rows.Should().BeGreaterThan(0);
        await Expect(page.Locator($"[data-count=\"{tab}\"] .badge").First).ToHaveTextAsync(rows.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
