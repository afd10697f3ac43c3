using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Api.Security.Staff;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Support;

/// <summary>A person's browser against an <see cref="ApiHost"/>: an account in the host's record store, a client
/// that keeps cookies, and the antiforgery token <c>GET /api/session</c> gives.</summary>
public static class StaffSession
{
    public const string Password = "correct horse battery staple";

    public static async Task<StaffAccount> AddAccountAsync(this ApiHost host, string username, string role, string password = Password)
    {
        var account = new StaffAccount(username, $"{username} (test)", role, StaffAccountRules.HashPassword(password), Disabled: false, FailedSignIns: 0,
            LockedUntil: null, StaffAccountRules.NewSecurityStamp(), DateTimeOffset.UtcNow);
        (await host.Accounts().AddAccountAsync(account, "test")).Should().BeTrue();
        return account;
    }

    public static IRecordStore Accounts(this ApiHost host) => host.Services.GetRequiredService<IRecordStore>();

    /// <summary>A client with a cookie jar and no key.</summary>
    public static HttpClient Browser(this ApiHost host) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = host.Address };

    public static Task<HttpResponseMessage> PostSignInAsync(this HttpClient browser, string username, string password) =>
        browser.PostAsJsonAsync("/api/session", new { username, password });

    /// <summary>Signs in (204 expected) and sends the session's antiforgery token with every later request.</summary>
    public static async Task<HttpClient> SignedInAsync(this ApiHost host, string username, string password = Password)
    {
        var browser = host.Browser();
        (await browser.PostSignInAsync(username, password)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        browser.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
        return browser;
    }
}
