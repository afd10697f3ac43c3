using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;

namespace IptTriage.Workspace.Tests.CasePage;

/// <summary>The case page's own serve process and browser. Every test signs a new browser in, and each new page first
/// asks who is signed in (a 401 before signing in); with the default limit of 10 failed authentications a minute per
/// address, a run of these tests would lock the loopback address out, and every test after it with it. The limits are
/// raised here, on this server only: the tests are not about them (LimitTests are). Urgent reviews fall due at once.</summary>
public sealed class CasePageFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "10000",
        ["Api:Limits:RequestsPerMinutePerAddress"] = "100000",
        ["Api:Limits:RequestsPerMinutePerKey"] = "100000",
        // An urgent review is overdue seconds after it is asked for, so a test can see the page mark it (the case
        // still waits for a decision, as at any deadline: a supervisor is told and the review stays open).
        ["Workflow:UrgentReviewDeadline"] = "00:00:04",
    };

    public WorkspaceServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await WorkspaceServer.StartAsync(Settings);
        (playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A new context (no cookies) signed in through the sign-in page as a person would.</summary>
    public async Task<IPage> SignedInPageAsync(string username, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await WorkspaceFixture.SignInAsync(page, username);
        return page;
    }
}

[CollectionDefinition(Name)]
public sealed class CasePageCollection : ICollectionFixture<CasePageFixture>
{
    public const string Name = "case page";
}
