using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>What the worklist tests look for on a page: a referral's row, a tab, no sideways scrolling, no reload.</summary>
internal static class WorklistPages
{
    public const string EmergencySample = "0201-crisis-services-cssrs-intent-no-share-consent.json";
    public const string ReviewSample = "0301-review-risk-cssrs-moderate-method.json";

    /// <summary>0101's client, as the sample has her: Lucía Fernández, born 1971-04-12.</summary>
    public const string RoutedSample = "0101-ipt-grief-spanish-speaking-widow.json";

    /// <summary>A live update arrives by polling: this is how long a test waits for one (never a sleep).</summary>
    public static readonly LocatorAssertionsToBeVisibleOptions LiveUpdate = new() { Timeout = 45_000 };

    public static ILocator Row(this IPage page, string list, string referralId) =>
        page.Locator($"table[data-list=\"{list}\"] tr[data-referral=\"{referralId}\"]");

    /// <summary>Pages on with "More" until the referral's row shows (the shared server holds other tests' referrals too).</summary>
    public static async Task ShouldListAsync(this IPage page, string referralId)
    {
        await Expect(page.Locator("main p[role=status]")).ToContainTextAsync("shown");
        var row = page.Row("worklist", referralId);
        var more = page.GetByRole(AriaRole.Button, new() { Name = "More", Exact = true });
        while (await row.CountAsync() == 0 && await more.IsVisibleAsync())
        {
            var shown = await page.Locator("table[data-list=worklist] tbody tr").CountAsync();
            await more.ClickAsync();
            await Expect(page.Locator("table[data-list=worklist] tbody tr")).Not.ToHaveCountAsync(shown);
        }
        await Expect(row).ToBeVisibleAsync();
    }

    public static ILocator Tab(this IPage page, string name) => page.GetByRole(AriaRole.Tab, new() { Name = name });

    /// <summary>Waits until the home page has shown its first answer (the panel's heading replaces "Loading…").</summary>
    public static async Task WaitForWorklistsAsync(this IPage page) =>
        await Expect(page.Locator("#worklist-panel h2")).ToBeVisibleAsync();

    /// <summary>Marks the document, so a later check can tell the page was updated in place, not reloaded.</summary>
    public static Task MarkLoadedAsync(this IPage page) => page.EvaluateAsync("() => { window.loadedOnce = true; }");

    public static async Task ShouldNotHaveReloadedAsync(this IPage page) =>
        (await page.EvaluateAsync<bool>("() => window.loadedOnce === true")).Should().BeTrue("the page should update without a reload");

    public static async Task ShouldNotScrollSidewaysAsync(this IPage page) =>
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
            .Should().BeTrue($"{page.Url} should fit 375 px without horizontal scrolling");
}
