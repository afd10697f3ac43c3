using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Tests.Api;

/// <summary>The invocation context of one HTTP function call, as far as the app's middleware reads it: the function's
/// name, the route values the host puts in the binding data, the request scope's services, and the
/// <see cref="HttpContext"/> under the key the ASP.NET Core integration's proxying middleware stores it with (per its
/// source), which <c>GetHttpContext()</c> reads. What the app never reads throws rather than pretend.</summary>
internal sealed class HttpInvocationContext(string functionName, HttpContext http, RouteValueDictionary routeValues, IServiceProvider services)
    : FunctionContext
{
    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => functionName;

    public override TraceContext TraceContext => throw Unused();

    public override BindingContext BindingContext { get; } = new RouteBindingContext(routeValues);

    public override RetryContext RetryContext => throw Unused();

    public override IServiceProvider InstanceServices { get; set; } = services;

    public override FunctionDefinition FunctionDefinition { get; } = new NamedDefinition(functionName);

    public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };

    public override IInvocationFeatures Features => throw Unused();

    private static NotSupportedException Unused() => new("The app's HTTP middleware reads only the function's name, its binding data and the HttpContext.");

    private sealed class RouteBindingContext(RouteValueDictionary routeValues) : BindingContext
    {
        public override IReadOnlyDictionary<string, object?> BindingData { get; } = routeValues.ToDictionary(value => value.Key, value => value.Value);
    }

    private sealed class NamedDefinition(string name) : FunctionDefinition
    {
        public override string Name => name;

        public override ImmutableArray<FunctionParameter> Parameters => throw Unused();

        public override string PathToAssembly => throw Unused();

        public override string EntryPoint => throw Unused();

        public override string Id => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => throw Unused();

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => throw Unused();
    }
}
