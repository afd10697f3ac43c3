using System.Text;
using System.Text.Json;
using IptTriage.Functions.Api;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Functions.Tests.Api;

/// <summary>The web workspace's session on Azure: <c>GET /api/session</c> answers who the platform signed in, from the
/// principal the Static Web App forwards to its linked Functions app (or App Service Authentication's, for a bearer
/// token), with the platform's sign-out and no antiforgery token; the Static Web App's roles source keeps a person's
/// staff roles from their Entra app roles; and a Static Web App principal is a caller on the API routes as an App
/// Service one is. The platforms themselves (sign-in, the header's stripping and forwarding) are not here to test.</summary>
public sealed class WorkspaceSessionTests : IAsyncLifetime
{
    private const string StaticWebAppUserId = "9b2f4c1d-7e3a-4f60-a8b5-2d1c0e9f8a76";

    private TwoHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await TwoHosts.StartAsync(new() { [AppServicePrincipal.EnabledSetting] = "true" });

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    private static string Clinic => $"clinic:{ApiHost.ClinicIds[0]}";

    [Fact]
    public async Task Without_a_signed_in_person_there_is_no_session()
    {
        (await Session(null)).Status.Should().Be(401);

        await using var plain = await TwoHosts.StartAsync();
        (await plain.Functions.SendAsync(ApiRequest.Get("/api/session", null) with { Headers = FromStaticWebApp("coordinator") }))
            .Status.Should().Be(401, "without App Service Authentication on, anyone could have sent the header");
    }

    [Fact]
    public async Task A_person_the_static_web_app_signed_in_gets_their_session_with_the_platforms_sign_out_and_no_csrf_token()
    {
        var answer = await Session(FromStaticWebApp("anonymous", "authenticated", Clinic));

        answer.Status.Should().Be(200, answer.Body);
        var session = answer.Json!.AsObject();
        session["username"]!.GetValue<string>().Should().Be("nora.example@contoso.example");
        session["displayName"]!.GetValue<string>().Should().Be("nora.example@contoso.example");
        session["role"]!.GetValue<string>().Should().Be("clinic");
        session["clinicId"]!.GetValue<string>().Should().Be(ApiHost.ClinicIds[0]);
        session.ContainsKey("csrfToken").Should().BeFalse("there is none on Azure, and js/api.js sends X-CSRF-TOKEN only when there is one");
        session["signOutUrl"]!.GetValue<string>().Should().Be("/.auth/logout");
    }

    [Fact]
    public async Task A_person_signed_in_with_a_bearer_token_gets_their_session_too()
    {
        var answer = await Session(FromAppService("supervisor"));

        answer.Status.Should().Be(200, answer.Body);
        answer.Json!["username"]!.GetValue<string>().Should().Be("sam.example@contoso.example");
        answer.Json!["displayName"]!.GetValue<string>().Should().Be("Sam Example");
        answer.Json!["role"]!.GetValue<string>().Should().Be("supervisor");
        answer.Json!["clinicId"].Should().BeNull();
    }

    [Theory]
    [InlineData("anonymous", "authenticated")]
    [InlineData("authenticated", "coordinator", "crisis")]
    [InlineData("authenticated", "intake")]
    [InlineData("authenticated", "clinic:not-in-the-directory")]
    public async Task A_person_without_exactly_one_staff_role_is_told_so(params string[] roles)
    {
        var answer = await Session(FromStaticWebApp(roles));

        answer.Status.Should().Be(403);
        answer.Json!["detail"]!.GetValue<string>().Should().Contain("exactly one app role");
    }

    [Fact]
    public async Task Answers_are_never_stored_by_the_browser_as_the_local_hosts_are_not()
    {
        var answers = new[]
        {
            await Session(FromStaticWebApp("authenticated", "coordinator")),
            await Session(null),
            await hosts.Functions.SendAsync(ApiRequest.Get("/api/reviews", null) with { Headers = FromStaticWebApp("authenticated", "coordinator") }),
            await hosts.Functions.SendAsync(ApiRequest.Get("/api/reviews", null)),
        };
        var local = await hosts.LocalAsync(ApiRequest.Get("/api/reviews", ApiHost.CoordinatorKey));

        answers.Select(answer => answer.Status).Should().Equal(200, 401, 200, 401);
        answers.Should().AllSatisfy(answer => answer.CacheControl.Should().Be("no-store").And.Be(local.CacheControl));
    }

    [Fact]
    public async Task The_roles_source_keeps_the_staff_roles_among_the_tokens_app_roles()
    {
        var claims = new[]
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = "6c0d9f3e-81a4-4b7e-9d2c-3f5a1e8b7c40" },
            new { typ = "roles", val = "coordinator" },
            new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = Clinic },
            new { typ = "roles", val = "intake" },
            new { typ = "roles", val = "clinic:not-in-the-directory" },
            new { typ = "roles", val = "nurse" },
            new { typ = "name", val = "crisis" },
        };
        var body = JsonSerializer.Serialize(new { identityProvider = "aad", userId = StaticWebAppUserId, userDetails = "pat@contoso.example", claims });

        var answer = await hosts.Functions.SendAsync(ApiRequest.Post("/api/session/roles", null, body));

        answer.Status.Should().Be(200, answer.Body);
        answer.Json!["roles"]!.AsArray().Select(role => role!.GetValue<string>()).Should().Equal("coordinator", Clinic);
        (await hosts.Functions.SendAsync(ApiRequest.Post("/api/session/roles", null, body, contentType: "text/plain"))).Status.Should().Be(415);
    }

    [Fact]
    public async Task A_static_web_app_principal_is_answered_on_the_api_by_its_role_and_audited_by_its_user_id()
    {
        var referralId = await SubmitAsync(Samples.Emergency, "emergency");
        var ack = ApiRequest.Post($"/api/referrals/{referralId}/crisis-ack", null, "{}");

        (await hosts.Functions.SendAsync(ApiRequest.Get("/api/reviews", null) with { Headers = FromStaticWebApp("authenticated", "coordinator") })).Status.Should().Be(200);
        (await hosts.Functions.SendAsync(ApiRequest.Get("/api/reviews", null) with { Headers = FromStaticWebApp("authenticated", Clinic) })).Status.Should().Be(403);
        // A cross-site form can send only form or plain-text bodies: refused as such, before the role is looked at.
        (await hosts.Functions.SendAsync(ack with { ContentType = "text/plain", Headers = FromStaticWebApp("authenticated", Clinic) })).Status.Should().Be(415);
        (await hosts.Functions.SendAsync(ack with { ContentType = "application/x-www-form-urlencoded", Headers = FromStaticWebApp("authenticated", "crisis") }))
            .Status.Should().Be(415);

        var answer = await hosts.Functions.SendAsync(ack with { Headers = FromStaticWebApp("authenticated", "crisis") });

        answer.Status.Should().Be(202, answer.Body);
        var view = await hosts.WaitForStatusAsync(referralId, "awaiting-clinic");
        view["audit"]!.AsArray().Should().Contain(entry =>
            entry!["step"]!.GetValue<string>() == "crisis-acknowledged" && entry["actor"]!.GetValue<string>() == $"user:{StaticWebAppUserId}");
    }

    private Task<ApiAnswer> Session(Dictionary<string, string>? headers) =>
        hosts.Functions.SendAsync(ApiRequest.Get("/api/session", null) with { Headers = headers });

    private async Task<string> SubmitAsync(string sample, string status)
    {
        var answer = await hosts.LocalAsync(ApiRequest.Post("/api/referrals", ApiHost.CoordinatorKey, TwoHosts.Sample(sample)));
        answer.Status.Should().Be(202, answer.Body);
        var referralId = answer.Json!["referralId"]!.GetValue<string>();
        await hosts.WaitForStatusAsync(referralId, status);
        return referralId;
    }

    /// <summary>What the Static Web App forwards to its linked backend for a person it signed in: its own user id, the
    /// username, and its roles (its own two and those its roles source gave), without the token's claims.</summary>
    private static Dictionary<string, string> FromStaticWebApp(params string[] roles) => Header(new
    {
        identityProvider = "aad",
        userId = StaticWebAppUserId,
        userDetails = "nora.example@contoso.example",
        userRoles = roles,
    });

    /// <summary>What App Service Authentication sets for a bearer token of a person with <paramref name="roles"/>.</summary>
    private static Dictionary<string, string> FromAppService(params string[] roles) => Header(new
    {
        auth_typ = "aad",
        claims = new[]
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = "6c0d9f3e-81a4-4b7e-9d2c-3f5a1e8b7c40" },
            new { typ = "preferred_username", val = "sam.example@contoso.example" },
            new { typ = "name", val = "Sam Example" },
        }.Concat(roles.Select(role => new { typ = "roles", val = role })),
    });

    private static Dictionary<string, string> Header(object principal) =>
        new() { [AppServicePrincipal.HeaderName] = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal))) };
}
