using System.Text;
using System.Text.Json;
using IptTriage.Api;
using IptTriage.Functions.Api;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Functions.Tests.Api;

/// <summary>People signed in with Microsoft Entra ID through App Service Authentication: the principal the platform
/// passes in <c>X-MS-CLIENT-PRINCIPAL</c> becomes a caller by its app role, answered on every route as a key of that
/// role is, and named <c>user:&lt;object id&gt;</c> in the audit trail; without the setting the header means nothing.
/// The platform itself (validating tokens, stripping a client's copy of the header) is not here to test.</summary>
public sealed class EntraSignInTests : IAsyncLifetime
{
    private const string ObjectId = "6c0d9f3e-81a4-4b7e-9d2c-3f5a1e8b7c40";

    private TwoHosts hosts = null!;

    public async Task InitializeAsync() => hosts = await TwoHosts.StartAsync(new() { [AppServicePrincipal.EnabledSetting] = "true" });

    public async Task DisposeAsync() => await hosts.DisposeAsync();

    public static TheoryData<string> Roles => ["coordinator", "supervisor", "crisis", $"clinic:{ApiHost.ClinicIds[0]}"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_person_with_an_app_role_gets_on_every_route_what_a_key_of_that_role_gets(string role)
    {
        var referralId = await SubmitAsync(Samples.UrgentReview, "awaiting-review");

        foreach (var route in ApiRoutes.All)
        {
            var path = route.Path.Replace("{id}", referralId, StringComparison.Ordinal);
            ApiRequest Request(string? key, IReadOnlyDictionary<string, string>? headers = null) =>
                new(route.Method, path, key, route.TakesJson ? """{"unknown":1}""" : null, route.TakesJson ? "application/json" : null, headers);

            var asPerson = await hosts.Functions.SendAsync(Request(null, Signed(role)));
            var asKey = await hosts.Functions.SendAsync(Request(ApiHost.KeyOf(role)));

            asPerson.Status.Should().Be(asKey.Status, route.Name);
        }
    }

    [Fact]
    public async Task The_audit_trail_names_the_person_by_object_id()
    {
        var referralId = await SubmitAsync(Samples.Emergency, "emergency");

        var answer = await hosts.Functions.SendAsync(ApiRequest.Post($"/api/referrals/{referralId}/crisis-ack", null, "{}") with { Headers = Signed("crisis") });

        answer.Status.Should().Be(202, answer.Body);
        var view = await hosts.WaitForStatusAsync(referralId, "awaiting-clinic");
        view["audit"]!.AsArray().Should().Contain(entry =>
            entry!["step"]!.GetValue<string>() == "crisis-acknowledged" && entry["actor"]!.GetValue<string>() == $"user:{ObjectId}");
    }

    [Theory]
    [InlineData("intake")]
    [InlineData("clinic:not-in-the-directory")]
    [InlineData("nurse")]
    [InlineData("coordinator", "crisis")]
    [InlineData]
    public async Task A_person_without_exactly_one_staff_role_is_forbidden(params string[] roles)
    {
        var answer = await hosts.Functions.SendAsync(ApiRequest.Get("/api/reviews", null) with { Headers = Signed(roles) });

        answer.Status.Should().Be(403);
    }

    [Fact]
    public async Task A_persons_post_must_say_it_is_json_and_an_unreadable_principal_is_no_one()
    {
        var referralId = await SubmitAsync(Samples.Emergency, "emergency");

        (await hosts.Functions.SendAsync(ApiRequest.Post($"/api/referrals/{referralId}/crisis-ack", null, "{}", contentType: null) with { Headers = Signed("crisis") }))
            .Status.Should().Be(415, "a form on another site could post with the platform's session cookie, but never as application/json");
        (await hosts.Functions.SendAsync(ApiRequest.Get("/api/reviews", null) with { Headers = new Dictionary<string, string> { [AppServicePrincipal.HeaderName] = "not base64 JSON" } }))
            .Status.Should().Be(403);
    }

    [Fact]
    public async Task Without_app_service_authentication_enabled_the_header_is_ignored()
    {
        await using var plain = await TwoHosts.StartAsync();

        (await plain.Functions.SendAsync(ApiRequest.Get("/api/reviews", null) with { Headers = Signed("coordinator") })).Status.Should().Be(401);
    }

    private async Task<string> SubmitAsync(string sample, string status)
    {
        var answer = await hosts.LocalAsync(ApiRequest.Post("/api/referrals", ApiHost.CoordinatorKey, TwoHosts.Sample(sample)));
        answer.Status.Should().Be(202, answer.Body);
        var referralId = answer.Json!["referralId"]!.GetValue<string>();
        await hosts.WaitForStatusAsync(referralId, status);
        return referralId;
    }

    /// <summary>What App Service Authentication sets for a person Entra signed in with <paramref name="roles"/>.</summary>
    private static Dictionary<string, string> Signed(params string[] roles)
    {
        var principal = new
        {
            auth_typ = "aad",
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
            role_typ = "roles",
            claims = new[]
            {
                new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = ObjectId },
                new { typ = "preferred_username", val = "pat.example@contoso.example" },
            }.Concat(roles.Select(role => new { typ = "roles", val = role })),
        };
        return new() { [AppServicePrincipal.HeaderName] = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(principal))) };
    }
}
