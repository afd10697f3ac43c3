using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>A serve process and a browser for the worklist tests. Every page a test opens first asks
/// <c>GET /api/session</c> without a session, a 401 that counts toward the address's failed-authentication limit
/// (10 a minute by default: <c>docs/api.md</c>, "Limits"); these tests open a page every few seconds from one
/// address, so their server allows more.</summary>
public abstract class WorklistsFixture(IReadOnlyDictionary<string, string> settings) : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public WorkspaceServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await WorkspaceServer.StartAsync(new Dictionary<string, string>(settings)
        {
            ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "1000",
        });
        (playwright, browser) = await Chromium.LaunchAsync();
    }

    /// <summary>Signs in through the sign-in page, in a new context (no cookies), as a person would.</summary>
    public async Task<IPage> SignedInPageAsync(string username, int width = 1280)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
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

/// <summary>The workflow's own deadlines (an emergency escalates after 15 minutes, so it stays "None yet").</summary>
public sealed class WorklistsServerFixture() : WorklistsFixture(new Dictionary<string, string>());

[CollectionDefinition(Name)]
public sealed class WorklistsCollection : ICollectionFixture<WorklistsServerFixture>
{
    public const string Name = "workspace-worklists";
}

/// <summary>Emergencies escalate every 2 seconds (docs/workflow.md, step 4: the supervisor is told again each interval
/// until someone acknowledges), so a test can watch the count rise.</summary>
public sealed class FastEscalationFixture() : WorklistsFixture(new Dictionary<string, string>
{
    ["Workflow:EmergencyEscalationInterval"] = "00:00:02",
    ["Workflow:MaxEmergencyEscalations"] = "100",
});

[CollectionDefinition(Name)]
public sealed class FastEscalationCollection : ICollectionFixture<FastEscalationFixture>
{
    public const string Name = "workspace-fast-escalation";
}
