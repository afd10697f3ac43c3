using Microsoft.Playwright;

namespace IptTriage.Workspace.Tests.Support;

/// <summary>Debian's Chromium (the test command installs it) driven by Playwright: Playwright's own browser download
/// cannot run here, so it is launched by path. The flags keep it off the network this machine does not have.</summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static string ExecutablePath => Environment.GetEnvironmentVariable("IPTRIAGE_CHROMIUM") is { Length: > 0 } path ? path : DefaultPath;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}: install Debian's chromium (test.sh does) or set IPTRIAGE_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}
