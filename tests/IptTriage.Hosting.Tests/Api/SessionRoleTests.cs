using System.Net;
using IptTriage.Api;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>A signed-in person of each role is answered on every route of <see cref="ApiRoutes"/> as a key of that
/// role is (401, 403, 404 and the rest), and the audit trail names the person.</summary>
public sealed class SessionRoleTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    public static TheoryData<string> Roles => ["coordinator", "supervisor", "crisis", $"clinic:{ApiHost.ClinicIds[0]}"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_signed_in_person_gets_on_every_route_what_a_key_of_their_role_gets(string role)
    {
        var review = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(review, "awaiting-review");
        await host.AddAccountAsync("person", role);
        using var person = await host.SignedInAsync("person");
        using var key = host.Client(ApiHost.KeyOf(role));
        using var nobody = host.Browser();

        var answers = new List<(string Route, HttpStatusCode Person, HttpStatusCode Key)>();
        foreach (var route in ApiRoutes.All)
        {
            var path = route.Path.Replace("{id}", review, StringComparison.Ordinal);
            // A body every route refuses (400) once the caller may call it, so neither call changes the referral.
            HttpRequestMessage Request() => new(new HttpMethod(route.Method), path) { Content = route.TakesJson ? Samples.Json("""{"unknown":1}""") : null };
            using var byPerson = await person.SendAsync(Request());
            using var byKey = await key.SendAsync(Request());
            answers.Add((route.Name, byPerson.StatusCode, byKey.StatusCode));
            await (await nobody.SendAsync(Request())).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        answers.Should().OnlyContain(answer => answer.Person == answer.Key);
        answers.Select(answer => answer.Person).Should().Contain(HttpStatusCode.OK, "some route is open to every role");
        if (role != "coordinator") answers.Select(answer => answer.Person).Should().Contain(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_audit_trail_names_the_signed_in_person()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(referralId, "emergency");
        await host.AddAccountAsync("erin", "crisis");
        using var erin = await host.SignedInAsync("erin");

        (await erin.PostAsync($"/api/referrals/{referralId}/crisis-ack", Samples.Json("{}"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var view = await host.WaitForStatusAsync(referralId, "awaiting-clinic", auditStep: "offered");
        view.GetProperty("audit").EnumerateArray().Should().Contain(entry =>
            entry.GetProperty("step").GetString() == "crisis-acknowledged" && entry.GetProperty("actor").GetString() == "user:erin");
    }
}
