using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace IptTriage.Functions.Tests;

/// <param name="Name">The <c>[Function]</c> name, by which the host indexes, routes and schedules it.</param>
internal sealed record AppFunction(string Name, MethodInfo Method, ParameterInfo TriggerParameter, TriggerBindingAttribute Trigger);

/// <summary>The app's functions read from the compiled attributes, as the Worker SDK's metadata generator reads them:
/// each public <c>[Function]</c> method and its one trigger parameter.</summary>
internal static class AppFunctions
{
    public static IReadOnlyList<AppFunction> All { get; } = [.. typeof(FunctionsServices).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
        .Select(method =>
        {
            var trigger = method.GetParameters().Single(parameter => parameter.GetCustomAttribute<TriggerBindingAttribute>() is not null);
            return new AppFunction(method.GetCustomAttribute<FunctionAttribute>()!.Name, method, trigger, trigger.GetCustomAttribute<TriggerBindingAttribute>()!);
        })];

    public static IEnumerable<AppFunction> With<TTrigger>() where TTrigger : TriggerBindingAttribute => All.Where(function => function.Trigger is TTrigger);
}
