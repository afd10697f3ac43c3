using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Api.Security;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Testing;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Signing in to the local host with a staff account: the session cookie, one answer for every refusal, the
/// lockout, antiforgery, sessions ended by the account, sliding expiry on the session's clock.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs logs = new();
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync(
        new Dictionary<string, string?> { ["Api:SignIn:IdleTimeout"] = "00:10:00", ["Logging:LogLevel:Default"] = "Trace" },
        services => services
            .PostConfigure<CookieAuthenticationOptions>(StaffSessions.SchemeName, cookie => cookie.TimeProvider = clock)
            .AddSingleton<ILoggerProvider>(logs));

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_person_signs_in_sees_who_they_are_and_signs_out()
    {
        await host.AddAccountAsync("carol", $"clinic:{ApiHost.ClinicIds[0]}");
        using var browser = host.Browser();

        using var signIn = await browser.PostSignInAsync("Carol", StaffSession.Password);

        signIn.StatusCode.Should().Be(HttpStatusCode.NoContent, "usernames are kept lower-case and matched so");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(header => header.StartsWith(StaffSessions.CookieName + "=", StringComparison.Ordinal));
        cookie.Should().ContainEquivalentOf("httponly").And.ContainEquivalentOf("samesite=strict");
        cookie.Should().NotContainEquivalentOf("secure;", "the request was plain HTTP").And.NotContainEquivalentOf("expires=", "the session ends with the browser");
        var session = await browser.GetFromJsonAsync<JsonElement>("/api/session");
        session.GetProperty("username").GetString().Should().Be("carol");
        session.GetProperty("displayName").GetString().Should().Be("carol (test)");
        session.GetProperty("role").GetString().Should().Be("clinic");
        session.GetProperty("clinicId").GetString().Should().Be(ApiHost.ClinicIds[0]);
        session.GetProperty("csrfToken").GetString().Should().NotBeNullOrEmpty();

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session") { Headers = { { "X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString() } } };
        (await browser.SendAsync(signOut)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await browser.GetAsync("/api/session")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.GetAsync("/api/referrals")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_a_disabled_account_get_one_answer()
    {
        await host.AddAccountAsync("alice", "coordinator");
        await host.AddAccountAsync("dave", "coordinator");
        await host.Accounts().DisableAccountAsync("dave", "new-stamp", DateTimeOffset.UtcNow, "test");
        using var browser = host.Browser();

        var answers = new List<string>();
        foreach (var (username, password) in new[] { ("alice", "not the password at all"), ("nobody", StaffSession.Password), ("dave", StaffSession.Password), ("bad name!", "x") })
        {
            using var response = await browser.PostSignInAsync(username, password);
            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, password);
            response.Headers.Contains("Set-Cookie").Should().BeFalse();
            answers.Add(await Answer(response));
        }

        answers.Distinct().Should().ContainSingle();
        (await host.Accounts().FindAccountAsync("alice"))!.FailedSignIns.Should().Be(1);
    }

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_lock_the_account_for_15_minutes_answered_as_a_wrong_password()
    {
        await host.AddAccountAsync("alice", "coordinator");
        using var browser = host.Browser();
        var wrong = await Answer(await browser.PostSignInAsync("alice", "not the password at all"));
        for (var i = 0; i < 4; i++) await browser.PostSignInAsync("alice", "not the password at all");

        using var locked = await browser.PostSignInAsync("alice", StaffSession.Password);

        locked.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await Answer(locked)).Should().Be(wrong, "a locked account is not told apart from a wrong password");
        (await host.Accounts().FindAccountAsync("alice"))!.LockedUntil.Should().Be(clock.GetUtcNow().AddMinutes(15));
        (await host.Accounts().ReadAccountEventsAsync("alice")).Select(entry => entry.Kind).Should().Equal(StaffAccountEventKind.Created, StaffAccountEventKind.LockedOut);
        clock.Advance(TimeSpan.FromMinutes(14));
        (await browser.PostSignInAsync("alice", StaffSession.Password)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        clock.Advance(TimeSpan.FromMinutes(1));
        (await browser.PostSignInAsync("alice", StaffSession.Password)).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task What_a_session_changes_needs_its_antiforgery_token_and_a_keys_request_needs_none()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(referralId, "emergency");
        await host.AddAccountAsync("erin", "crisis");
        using var browser = host.Browser();
        (await browser.PostSignInAsync("erin", StaffSession.Password)).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await browser.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{referralId}/crisis-ack") { Content = Samples.Json("{}"), Headers = { { "X-CSRF-TOKEN", "forged" } } };
        await (await browser.SendAsync(forged)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await host.Accounts().FindAsync(referralId))!.Status.Should().Be(ReferralStatus.Emergency, "nothing was acknowledged");
        (await browser.GetAsync($"/api/referrals/{referralId}")).StatusCode.Should().Be(HttpStatusCode.OK, "reading needs no token");

        using var crisisKey = host.Client(ApiHost.CrisisKey);
        (await crisisKey.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Disabling_an_account_or_resetting_its_password_ends_its_sessions_at_the_next_request()
    {
        await host.AddAccountAsync("alice", "coordinator");
        await host.AddAccountAsync("bob", "supervisor");
        using var alice = await host.SignedInAsync("alice");
        using var bob = await host.SignedInAsync("bob");
        (await alice.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK);

        await host.Accounts().DisableAccountAsync("alice", "stamp-after-disable", DateTimeOffset.UtcNow, "test");
        await host.Accounts().ResetPasswordAsync("bob", "some-new-hash", "stamp-after-reset", DateTimeOffset.UtcNow, "test");

        await (await alice.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await bob.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await alice.GetAsync("/api/session")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_session_slides_with_each_request_and_ends_after_the_idle_timeout()
    {
        await host.AddAccountAsync("alice", "coordinator");
        using var alice = await host.SignedInAsync("alice");

        // The idle timeout is 10 minutes here; a request after half of it renews the cookie.
        clock.Advance(TimeSpan.FromMinutes(6));
        (await alice.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromMinutes(6));
        (await alice.GetAsync("/api/reviews")).StatusCode.Should().Be(HttpStatusCode.OK, "12 minutes after signing in, 6 after the last request");
        clock.Advance(TimeSpan.FromMinutes(11));

        await (await alice.GetAsync("/api/reviews")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task No_password_or_hash_reaches_the_logs()
    {
        var account = await host.AddAccountAsync("alice", "coordinator");
        using var browser = host.Browser();
        await browser.PostSignInAsync("alice", "a wrong password to look for");
        using var alice = await host.SignedInAsync("alice");
        await alice.GetAsync("/api/reviews");

        logs.Lines.Should().NotBeEmpty();
        logs.Lines.Should().NotContain(line => line.Contains("a wrong password to look for") || line.Contains(StaffSession.Password) || line.Contains(account.PasswordHash));
    }

    /// <summary>A refusal's status, title and detail (its trace id differs by request).</summary>
    private static async Task<string> Answer(HttpResponseMessage response)
    {
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return $"{(int)response.StatusCode} {problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}";
    }
}
