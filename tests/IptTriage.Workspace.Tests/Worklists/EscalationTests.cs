using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>A serve process whose emergencies escalate every 2 seconds (docs/workflow.md, step 4: the supervisor is
/// told again each interval until someone acknowledges), so a test can watch the count rise.</summary>
public sealed class FastEscalationFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public WorkspaceServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await WorkspaceServer.StartAsync(new Dictionary<string, string>
        {
            ["Workflow:EmergencyEscalationInterval"] = "00:00:02",
            ["Workflow:MaxEmergencyEscalations"] = "100",
        });
        (playwright, browser) = await Chromium.LaunchAsync();
    }

    public async Task<IPage> SignedInPageAsync(string username)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await WorkspaceFixture.SignInAsync(page, username);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class FastEscalationCollection : ICollectionFixture<FastEscalationFixture>
{
    public const string Name = "workspace-fast-escalation";
}

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
