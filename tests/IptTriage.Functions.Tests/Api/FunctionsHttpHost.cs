using System.Reflection;
using IptTriage.Functions.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Tests.Api;

/// <summary>Calls the app's HTTP functions the way the Functions host and its ASP.NET Core integration do, read from
/// the compiled attributes: the route (host.json's empty route prefix + <see cref="HttpTriggerAttribute.Route"/>) and method pick the
/// function, the app's worker middleware (<see cref="ApiKeyMiddleware"/>) runs first, route values bind by name,
/// <c>[DurableClient]</c> gets <paramref name="client"/>, the class is created from a request scope, and the returned
/// <see cref="IActionResult"/> is executed. The triggers ask the host for no function key (<see cref="HttpFunctions.Access"/>),
/// so there is none to model.</summary>
internal sealed class FunctionsHttpHost(IServiceProvider services, DurableTaskClient client)
{
    public const string RoutePrefix = "";

    public static IReadOnlyList<(MethodInfo Method, HttpTriggerAttribute Trigger)> HttpFunctions { get; } =
        [.. AppFunctions.With<HttpTriggerAttribute>().Select(function => (function.Method, (HttpTriggerAttribute)function.Trigger))];

    public async Task<ApiAnswer> SendAsync(ApiRequest request)
    {
        var (function, routeValues) = Find(request);
        if (function is null) return new ApiAnswer(StatusCodes.Status404NotFound, null, null, "");

        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        request.WriteTo(context.Request);
        context.Response.Body = new MemoryStream();

        // The app's middleware first, as the worker runs it around every invocation; it may answer instead of the function.
        var middleware = ActivatorUtilities.CreateInstance<ApiKeyMiddleware>(services);
        await middleware.Invoke(new HttpInvocationContext(function.GetCustomAttribute<FunctionAttribute>()!.Name, context, routeValues, scope.ServiceProvider),
            async _ =>
            {
                var instance = ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.DeclaringType!);
                var arguments = function.GetParameters().Select(parameter => Bind(parameter, context, routeValues)).ToArray();
                var result = await (Task<IActionResult>)function.Invoke(instance, arguments)!;
                await result.ExecuteResultAsync(new ActionContext(context, new RouteData(routeValues), new ActionDescriptor()));
            });

        return ApiAnswer.From(context.Response);
    }

    private static (MethodInfo? Function, RouteValueDictionary Values) Find(ApiRequest request)
    {
        foreach (var (method, trigger) in HttpFunctions)
        {
            var values = new RouteValueDictionary();
            var matcher = new TemplateMatcher(TemplateParser.Parse(RoutePrefix + trigger.Route), new RouteValueDictionary());
            if (trigger.Methods!.Contains(request.Method, StringComparer.OrdinalIgnoreCase) && matcher.TryMatch(request.PathOnly, values))
                return (method, values);
        }
        return (null, []);
    }

    private object? Bind(ParameterInfo parameter, HttpContext context, RouteValueDictionary routeValues) => parameter switch
    {
        _ when parameter.ParameterType == typeof(HttpRequest) => context.Request,
        _ when parameter.GetCustomAttribute<DurableClientAttribute>() is not null => client,
        _ when parameter.ParameterType == typeof(CancellationToken) => CancellationToken.None,
        _ when routeValues.TryGetValue(parameter.Name!, out var value) => value,
        _ => throw new InvalidOperationException($"The Functions host could not bind {parameter.Member.Name}({parameter.Name})."),
    };
}
