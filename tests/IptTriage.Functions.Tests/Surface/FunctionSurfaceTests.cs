using IptTriage.Workflow.Activities;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>The activity functions against the shared workflow's activities, read from the compiled [Function] methods
/// and their triggers: an activity added to the workflow without a function would fail only on Azure, when first
/// scheduled. (functions.metadata, which the host indexes, is checked in <see cref="FunctionsMetadataTests"/>.)</summary>
public sealed class FunctionSurfaceTests
{
    /// <summary>Every activity the shared workflow defines: the classes with a Name constant in its Activities folder.</summary>
    private static readonly Dictionary<string, Type> SharedActivities = typeof(ScreenReferral).Assembly.GetTypes()
        .Where(type => type.Namespace == typeof(ScreenReferral).Namespace && type.GetField("Name") is { IsLiteral: true })
        .ToDictionary(type => (string)type.GetField("Name")!.GetRawConstantValue()!);

    [Fact]
    public void There_is_one_activity_function_per_shared_activity_with_its_input_and_output_types()
    {
        var activities = AppFunctions.With<ActivityTriggerAttribute>().ToList();

        activities.Select(function => function.Name).Should().BeEquivalentTo(SharedActivities.Keys);
        activities.Should().AllSatisfy(function =>
        {
            var shared = SharedActivities[function.Name].GetMethod("RunAsync")!;
            function.TriggerParameter.ParameterType.Should().Be(shared.GetParameters()[0].ParameterType, function.Name);
            function.Method.ReturnType.Should().Be(shared.ReturnType, function.Name);
        });
    }
}
