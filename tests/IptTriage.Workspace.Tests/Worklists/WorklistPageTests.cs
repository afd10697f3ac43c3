using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>All referrals: the list's filters, a search by id and by name that stays out of the URL, the export.</summary>
[Collection(WorklistsCollection.Name)]
public sealed class WorklistPageTests(WorklistsServerFixture workspace)
{
    [Fact]
    public async Task Filters_find_a_submitted_referral_and_stay_in_the_url_across_a_reload()
    {
        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.RoutedSample);
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-clinic");
        var page = await workspace.SignedInPageAsync("alice");
        await page.GotoAsync("/worklist");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "All referrals" })).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        await page.GetByLabel("Status").SelectOptionAsync("awaiting-clinic");
        await page.GetByLabel("Pathway").SelectOptionAsync("ipt");
        await page.GetByLabel("Order").SelectOptionAsync("due");
        await page.GetByLabel("Received on or after").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show referrals" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("sort=due"));
        await page.ShouldListAsync(referralId);
        await Expect(page).ToHaveURLAsync(new Regex(@"/worklist\?status=awaiting-clinic&pathway=ipt&sort=due&receivedFrom="));
        (await page.Locator("table[data-list=worklist] tbody tr td:nth-child(2)").AllTextContentsAsync()).Should().OnlyContain(status => status == "Awaiting clinic");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.ScreenshotAsync(page, "worklist");

        await page.ReloadAsync();
        await Expect(page.GetByLabel("Status")).ToHaveValueAsync("awaiting-clinic");
        await page.ShouldListAsync(referralId);

        await page.GetByLabel("Status").SelectOptionAsync("awaiting-review");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show referrals" }).ClickAsync();
        await Expect(page.Row("worklist", referralId)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_search_finds_a_referral_by_id_and_by_client_name_and_never_puts_them_in_the_url()
    {
        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.RoutedSample);
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-clinic");
        var page = await workspace.SignedInPageAsync("alice");
        await page.GotoAsync("/worklist");
        await Expect(page.Locator("main p[role=status]")).ToContainTextAsync("shown");
        var searches = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/api/referrals", StringComparison.Ordinal)) searches.Add(request.Method + " " + request.Url); };

        await page.GetByLabel("Search").FillAsync(referralId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show referrals" }).ClickAsync();
        await Expect(page.Row("worklist", referralId)).ToBeVisibleAsync();
        await Expect(page.Locator("table[data-list=worklist] tbody tr")).ToHaveCountAsync(1);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        await page.GetByLabel("Search").FillAsync("lucia fern");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show referrals" }).ClickAsync();
        await Expect(page.Row("worklist", referralId)).ToBeVisibleAsync();

        page.Url.Should().NotContainAny(referralId, "lucia", "fern");
        searches.Should().NotBeEmpty().And.OnlyContain(request => request.StartsWith("POST ", StringComparison.Ordinal) && !request.Contains("lucia", StringComparison.OrdinalIgnoreCase) && !request.Contains(referralId, StringComparison.Ordinal));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().StartWith("referralId,status,").And.Contain(referralId);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task The_export_link_carries_the_filters_and_downloads_the_list_as_csv()
    {
        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.RoutedSample);
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-clinic");
        var page = await workspace.SignedInPageAsync("sam");
        await page.GotoAsync("/worklist?status=awaiting-clinic");
        await page.ShouldListAsync(referralId);

        var link = page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" });
        await Expect(link).ToHaveAttributeAsync("href", "/api/referrals?status=awaiting-clinic&format=csv");
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());

        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.Should().Contain(referralId).And.NotContain("Lucía");
    }

    [Fact]
    public async Task The_list_fits_375_px_without_horizontal_scrolling()
    {
        var referralId = await workspace.Server.SubmitSampleAsync(WorklistPages.RoutedSample);
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-clinic");
        var page = await workspace.SignedInPageAsync("alice", width: 375);
        await page.GotoAsync("/worklist");
        await page.ShouldListAsync(referralId);
        await page.ShouldNotScrollSidewaysAsync();
        await page.GetByLabel("Search").FillAsync(referralId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show referrals" }).ClickAsync();

        await Expect(page.Locator("table[data-list=worklist] tbody tr")).ToHaveCountAsync(1);
        await page.ShouldNotScrollSidewaysAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }
}
