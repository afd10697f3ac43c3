using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace IptTriage.Workspace.Tests.Support;

/// <summary>One serve process and one browser for every test of the collection (tests run one after another, so two
/// cores are not shared by several browsers); each test gets its own browser context, so its own cookies. A
/// collection that needs other workflow settings (short deadlines) or its own clinics' capacities derives a fixture
/// of its own with <see cref="WorkspaceFixture(IReadOnlyDictionary{string, string})"/>.</summary>
public class WorkspaceFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> settings;
    private IPlaywright? playwright;

    public WorkspaceFixture()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="workflowSettings">Settings on top of <see cref="Settings"/>.</param>
    protected WorkspaceFixture(IReadOnlyDictionary<string, string> workflowSettings)
    {
        settings = new Dictionary<string, string>(Settings);
        foreach (var (key, value) in workflowSettings) settings[key] = value;
    }

    /// <summary>Settings every test server starts with: request and failed-authentication limits past what the tests
    /// reach (they poll the workflow with the development coordinator key and sign many browsers in), so no 429 they
    /// do not test gets in their way (the limits are LimitTests' subject).</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Api:Limits:RequestsPerMinutePerKey"] = "100000",
        ["Api:Limits:RequestsPerMinutePerAddress"] = "100000",
        ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "1000",
    };

    public WorkspaceServer Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await WorkspaceServer.StartAsync(settings);
        (playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (Server is not null) await Server.DisposeAsync();
    }

    /// <summary>A new page in a new context (no cookies), at a desktop width unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in page as a person would, and waits for the home page.</summary>
    public async Task<IPage> SignedInPageAsync(string username, int width = 1280)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync("/");
        await SignInAsync(page, username);
        return page;
    }

    public static async Task SignInAsync(IPage page, string username)
    {
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(WorkspaceServer.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
    }

    /// <summary>axe-core's WCAG 2.0/2.1 A and AA rules on the page as it is now: no violation, each one named with
    /// where it is if there is any.</summary>
    public static async Task ShouldBeAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var violations = result.Violations.Select(violation =>
            $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(node => node.Target.ToString()))}");
        violations.Should().BeEmpty($"{page.Url} should pass axe-core");
    }

    /// <summary>Saves the page as it looks now to <c>screenshots/{name}.png</c> beside the tests (docs/images/ has a
    /// few, copied from there).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}

[CollectionDefinition(Name)]
public sealed class WorkspaceCollection : ICollectionFixture<WorkspaceFixture>
{
    public const string Name = "workspace";
}
