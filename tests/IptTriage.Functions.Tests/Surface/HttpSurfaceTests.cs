using System.Reflection;
using IptTriage.Functions.Tests.Api;
using IptTriage.Hosting.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>The HTTP functions against the local host's endpoint table: the same routes and methods (the OpenAPI
/// document aside), each behind a function key. Which roles each admits is checked by calling them
/// (<see cref="ApiParityTests"/>).</summary>
public sealed class HttpSurfaceTests
{
    [Fact]
    public void The_http_functions_have_the_local_hosts_routes_and_methods()
    {
        var functions = FunctionsHttpHost.HttpFunctions
            .SelectMany(function => function.Trigger.Methods!.Select(method => $"{method.ToUpperInvariant()} /{FunctionsHttpHost.RoutePrefix}{function.Trigger.Route}"));

        functions.Should().BeEquivalentTo(LocalRoutes().Where(route => !route.Contains("/openapi/", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_http_function_needs_a_function_key_and_takes_the_request_as_aspnet_core_does()
    {
        FunctionsHttpHost.HttpFunctions.Should().NotBeEmpty().And.AllSatisfy(function =>
        {
            function.Trigger.AuthLevel.Should().Be(AuthorizationLevel.Function, function.Method.Name);
            function.Method.GetParameters().Single(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
                .ParameterType.Should().Be<HttpRequest>(function.Method.Name);
            function.Method.ReturnType.Should().Be<Task<Microsoft.AspNetCore.Mvc.IActionResult>>(function.Method.Name);
        });
    }

    [Fact]
    public void Every_local_route_but_the_openapi_document_names_a_role_policy()
    {
        LocalEndpoints().Where(endpoint => !endpoint.RoutePattern.RawText!.Contains("openapi", StringComparison.Ordinal))
            .Should().AllSatisfy(endpoint => endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Should().ContainSingle(endpoint.DisplayName));
    }

    private static IEnumerable<string> LocalRoutes() => LocalEndpoints().SelectMany(endpoint =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(method => $"{method} {endpoint.RoutePattern.RawText}"));

    private static List<RouteEndpoint> LocalEndpoints()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("iptriage-surface-").FullName;
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory });
            var app = builder.BuildIptTriageApi();
            var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();
            ((IDisposable)app).Dispose();
            return endpoints;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
