using System.Reflection;
using IptTriage.Api;
using IptTriage.Functions.Api;
using IptTriage.Functions.Tests.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>The HTTP functions as compiled, against the route table both hosts serve (the local host's side is checked
/// in IptTriage.Hosting.Tests, from its OpenAPI document and endpoints). Which roles each admits is checked by calling
/// them (<see cref="ApiParityTests"/>).</summary>
public sealed class HttpSurfaceTests
{
    [Fact]
    public void Each_http_function_is_named_after_its_route_and_triggered_by_its_method_and_template()
    {
        FunctionsHttpHost.HttpFunctions
            .Select(function => (
                function.Method.GetCustomAttribute<FunctionAttribute>()!.Name,
                Method: function.Trigger.Methods!.Single(),
                Path: $"/{FunctionsHttpHost.RoutePrefix}{function.Trigger.Route}"))
            .Should().BeEquivalentTo(ApiRoutes.All.Select(route => (route.Name, route.Method, route.Path)).Concat(SessionRoutes));
    }

    /// <summary>The web workspace's session on Azure, beside the table (<see cref="SessionFunctions"/>).</summary>
    internal static readonly (string Name, string Method, string Path)[] SessionRoutes =
    [
        (SessionFunctions.GetSession, "GET", "/api/session"),
        (SessionFunctions.AssignSessionRoles, "POST", "/api/session/roles"),
    ];

    [Fact]
    public void No_http_function_needs_a_function_key_and_each_takes_the_request_as_aspnet_core_does()
    {
        // The linked Static Web App forwards without one; ApiKeyMiddleware gates every call (docs/azure.md, "Web workspace").
        FunctionsHttpHost.HttpFunctions.Should().NotBeEmpty().And.AllSatisfy(function =>
        {
            function.Trigger.AuthLevel.Should().Be(AuthorizationLevel.Anonymous, function.Method.Name);
            function.Method.GetParameters().Single(parameter => parameter.GetCustomAttribute<HttpTriggerAttribute>() is not null)
                .ParameterType.Should().Be<HttpRequest>(function.Method.Name);
            function.Method.ReturnType.Should().Be<Task<Microsoft.AspNetCore.Mvc.IActionResult>>(function.Method.Name);
        });
    }
}
