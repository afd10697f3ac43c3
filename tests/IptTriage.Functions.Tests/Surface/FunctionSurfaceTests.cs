using System.Reflection;
using IptTriage.Functions.Activities;
using IptTriage.Workflow.Activities;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>The activity functions against the shared workflow's activities, read from the compiled [Function] methods
/// and their triggers: an activity added to the workflow without a function would fail only on Azure, when first
/// scheduled. (functions.metadata, which the host indexes, is checked in <see cref="FunctionsMetadataTests"/>.)</summary>
public sealed class FunctionSurfaceTests
{
    private static readonly MethodInfo[] Functions = typeof(ReferralActivityFunctions).Assembly.GetTypes()
        .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToArray();

    /// <summary>Every activity the shared workflow defines: the classes with a Name constant in its Activities folder.</summary>
    private static readonly Dictionary<string, Type> SharedActivities = typeof(ScreenReferral).Assembly.GetTypes()
        .Where(type => type.Namespace == typeof(ScreenReferral).Namespace && type.GetField("Name") is { IsLiteral: true })
        .ToDictionary(type => (string)type.GetField("Name")!.GetRawConstantValue()!);

    [Fact]
    public void There_is_one_activity_function_per_shared_activity_with_its_input_and_output_types()
    {
        var activities = Functions.Where(method => TriggerOf(method) is ActivityTriggerAttribute).ToArray();

        activities.Select(Name).Should().BeEquivalentTo(SharedActivities.Keys);
        activities.Should().AllSatisfy(function =>
        {
            var shared = SharedActivities[Name(function)].GetMethod("RunAsync")!;
            TriggerParameter(function).ParameterType.Should().Be(shared.GetParameters()[0].ParameterType, Name(function));
            function.ReturnType.Should().Be(shared.ReturnType, Name(function));
        });
    }

    private static string Name(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    private static ParameterInfo TriggerParameter(MethodInfo method) =>
        method.GetParameters().Single(parameter => parameter.GetCustomAttributes().Any(IsTrigger));

    private static Attribute TriggerOf(MethodInfo method) => TriggerParameter(method).GetCustomAttributes().Single(IsTrigger);

    private static bool IsTrigger(Attribute attribute) =>
        attribute is Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute;
}
