using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Api;
using IptTriage.Hosting.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Api;

public sealed class DirectoryAndDocumentTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task The_clinics_list_shows_capacity_total_and_in_use()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        var offeredTo = (await host.WaitForStatusAsync(referralId, "awaiting-clinic")).GetProperty("clinicId").GetString();
        using var coordinator = host.Coordinator();

        var clinics = await coordinator.GetFromJsonAsync<JsonElement[]>("/api/clinics");

        clinics!.Select(clinic => clinic.GetProperty("id").GetString()).Should().Equal(ApiHost.ClinicIds);
        clinics.Should().OnlyContain(clinic => clinic.GetProperty("capacity").GetInt32() > 0);
        clinics.Should().OnlyContain(clinic => clinic.GetProperty("inUse").GetInt32() == (clinic.GetProperty("id").GetString() == offeredTo ? 1 : 0));
    }

    [Fact]
    public async Task The_openapi_document_describes_exactly_the_routes_of_the_route_table()
    {
        using var client = host.Client(ApiHost.IntakeKey);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        document.GetProperty("openapi").GetString().Should().StartWith("3.1");
        var operations = document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(operation => (Method: operation.Name.ToUpperInvariant(), Path: path.Name, Name: operation.Value.GetProperty("operationId").GetString())));
        // The route table, and the local host's own sign-in routes (docs/api.md "Signing in").
        operations.Should().BeEquivalentTo(ApiRoutes.All.Select(route => (route.Method, route.Path, route.Name))
            .Concat([("POST", "/api/session", "SignIn"), ("GET", "/api/session", "GetSession"), ("DELETE", "/api/session", "SignOut")]));
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
    }

    [Fact]
    public void Every_route_is_mapped_with_the_role_policy_of_the_route_table()
    {
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<ApiRoute>() is not null);

        endpoints.Select(endpoint => (
                Method: endpoint.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Single(),
                Path: endpoint.RoutePattern.RawText,
                Policy: endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Single().Policy))
            .Should().BeEquivalentTo(ApiRoutes.All.Select(route => (route.Method, route.Path, route.Policy)));
    }

    [Fact]
    public async Task The_intake_form_schema_is_served()
    {
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.GetAsync("/api/schema/intake-form");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/schema+json");
        var schema = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        schema.GetProperty("$schema").GetString().Should().Contain("2020-12");
    }

    [Fact]
    public async Task A_role_naming_a_clinic_not_in_the_directory_stops_start_up_without_showing_the_key()
    {
        var start = () => ApiHost.StartAsync(new() { ["Api:Keys:0:Key"] = "secret-key-value-4b1f9e0c7a2d83e5", ["Api:Keys:0:Role"] = "clinic:no-such-clinic" });

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Be("Api:Keys:0:Role 'clinic:no-such-clinic' names a clinic that is not in the clinic directory.");
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("abababababababababababababababababababab")]
    [InlineData("passwordpasswordpasswordpassword")]
    public async Task A_key_shorter_than_32_characters_or_not_random_stops_start_up_without_showing_it(string key)
    {
        var start = () => ApiHost.StartAsync(new() { ["Api:Keys:0:Key"] = key, ["Api:Keys:0:Role"] = "coordinator" });

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Be("Api:Keys:0:Key is not a random key of at least 32 characters; create one with 'openssl rand -hex 24'.");
    }
}
