using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

public sealed class SubmitTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task A_new_form_is_202_with_its_id_status_and_location()
    {
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.PostAsync("/api/referrals", Samples.Content(Samples.Read(Samples.Routed)));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be("/api/referrals/SMP-0101");
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>();
        receipt.GetProperty("referralId").GetString().Should().Be("SMP-0101");
        receipt.GetProperty("status").GetString().Should().Be("received");
    }

    [Fact]
    public async Task The_same_form_again_gets_the_first_answer_whatever_its_status_now_and_starts_nothing()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        await host.WaitForStatusAsync(referralId, "emergency", auditStep: "screened");
        using var client = host.Client(ApiHost.IntakeKey);

        using var again = await client.PostAsync("/api/referrals", Samples.Content(Samples.Read(Samples.Emergency)));

        again.StatusCode.Should().Be(HttpStatusCode.Accepted);
        again.Headers.Location!.ToString().Should().Be($"/api/referrals/{referralId}");
        var receipt = await again.Content.ReadFromJsonAsync<JsonElement>();
        receipt.GetProperty("status").GetString().Should().Be("received", "an intake key must not learn that the referral is an emergency");
        var audit = (await host.WaitForStatusAsync(referralId, "emergency")).GetProperty("audit").EnumerateArray();
        audit.Count(entry => entry.GetProperty("step").GetString() == "screened").Should().Be(1);
    }

    [Fact]
    public async Task A_different_form_under_a_taken_id_is_409_and_changes_nothing()
    {
        var referralId = await host.SubmitAsync(Samples.Emergency);
        var before = await host.WaitForStatusAsync(referralId, "emergency", auditStep: "screened");
        var other = Samples.Read(Samples.Routed);
        other["referralId"] = referralId;
        var invalid = Samples.Read(Samples.Routed);
        invalid["referralId"] = referralId;
        invalid["client"]!["email"] = "not-an-address";
        using var client = host.Client(ApiHost.IntakeKey);

        foreach (var form in new[] { other, invalid })
        {
            using var answer = await client.PostAsync("/api/referrals", Samples.Content(form));

            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.Conflict, "emergency");
            problem.GetProperty("title").GetString().Should().Be("The referral id is taken.");
        }
        var after = await host.WaitForStatusAsync(referralId, "emergency");
        after.GetProperty("receivedAt").GetString().Should().Be(before.GetProperty("receivedAt").GetString());
        after.GetProperty("decision").GetProperty("modality").GetString().Should().Be("crisis-services");
    }

    [Fact]
    public async Task An_invalid_form_sent_again_unchanged_gets_its_errors_again_and_alerts_no_one_twice()
    {
        var form = Samples.Read(Samples.Routed);
        form["referralId"] = "API-INVALID-TWICE";
        form["client"]!["email"] = "not-an-address";
        using var client = host.Client(ApiHost.IntakeKey);
        await (await client.PostAsync("/api/referrals", Samples.Content(form))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await host.WaitForStatusAsync("API-INVALID-TWICE", "invalid", auditStep: "notified");

        using var again = await client.PostAsync("/api/referrals", Samples.Content(form));

        (await again.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).Errors().Single().Path.Should().Be("client.email");
        var audit = (await host.WaitForStatusAsync("API-INVALID-TWICE", "invalid")).GetProperty("audit").EnumerateArray();
        audit.Count(entry => entry.GetProperty("step").GetString() == "notified").Should().Be(1);
    }

    [Fact]
    public async Task A_corrected_form_replaces_an_invalid_one_under_its_id()
    {
        var form = Samples.Read(Samples.Routed);
        form["referralId"] = "API-CORRECTED";
        var broken = form.DeepClone();
        broken["client"]!["email"] = "not-an-address";
        using var client = host.Client(ApiHost.IntakeKey);
        await (await client.PostAsync("/api/referrals", Samples.Content(broken))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await host.WaitForStatusAsync("API-CORRECTED", "invalid");

        using var corrected = await client.PostAsync("/api/referrals", Samples.Content(form));

        corrected.StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync("API-CORRECTED", "awaiting-clinic");
    }

    [Fact]
    public async Task An_invalid_form_is_400_naming_each_field_without_its_values_and_is_still_recorded()
    {
        var form = Samples.Read(Samples.Routed);
        form["referralId"] = "API-INVALID";
        form["client"]!["email"] = "lucia.fernandez-at-example.org";
        form["client"]!["dateOfBirth"] = "Lucía's birthday";
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.PostAsync("/api/referrals", Samples.Content(form));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "Lucía", "Fernández", "lucia.fernandez");
        problem.Errors().Select(error => error.Path).Should().BeEquivalentTo("client.email", "client.dateOfBirth");
        problem.GetProperty("referralId").GetString().Should().Be("API-INVALID");
        (await host.WaitForStatusAsync("API-INVALID", "invalid")).GetProperty("status").GetString().Should().Be("invalid");
    }

    [Fact]
    public async Task Broken_json_is_400_at_the_root()
    {
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.PostAsync("/api/referrals", Samples.Json("""{"referralId": "API-BROKEN", """));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Errors().Single().Path.Should().Be("$");
    }

    [Fact]
    public async Task A_body_not_declared_as_json_is_415()
    {
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.PostAsync("/api/referrals", new StringContent(Samples.Read(Samples.Routed).ToJsonString()));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415_and_nothing_is_taken_in()
    {
        using var client = host.Client(ApiHost.IntakeKey);
        using var body = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(Samples.Read(Samples.Routed).ToJsonString()));

        using var response = await client.PostAsync("/api/referrals", body);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        using var coordinator = host.Coordinator();
        await (await coordinator.GetAsync("/api/referrals/SMP-0101")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_256_KiB_is_413_with_or_without_a_content_length(bool announceLength)
    {
        var body = new byte[256 * 1024 + 1];
        Array.Fill(body, (byte)' ');
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/referrals") { Content = Samples.Content(body) };
        request.Headers.TransferEncodingChunked = !announceLength;
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
