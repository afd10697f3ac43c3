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
    public async Task The_same_id_again_is_200_with_the_current_status_and_starts_nothing()
    {
        var referralId = await host.SubmitAsync(Samples.UrgentReview);
        await host.WaitForStatusAsync(referralId, "awaiting-review");
        using var client = host.Client(ApiHost.IntakeKey);

        using var again = await client.PostAsync("/api/referrals", Samples.Content(Samples.Read(Samples.UrgentReview)));

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        var receipt = await again.Content.ReadFromJsonAsync<JsonElement>();
        receipt.GetProperty("status").GetString().Should().Be("awaiting-review");
        var audit = (await host.WaitForStatusAsync(referralId, "awaiting-review")).GetProperty("audit").EnumerateArray();
        audit.Count(entry => entry.GetProperty("step").GetString() == "screened").Should().Be(1);
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
