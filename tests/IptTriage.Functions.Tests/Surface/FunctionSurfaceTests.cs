using System.Reflection;
using IptTriage.Functions.Activities;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Orchestrators;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>The compiled function surface, read the way the Functions SDK's metadata generator reads it: [Function]
/// methods and their trigger attributes.</summary>
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
    public void Function_names_are_unique()
    {
        Functions.Select(Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void The_orchestrator_function_has_the_shared_orchestrators_name_and_an_orchestration_trigger()
    {
        var orchestrators = Functions.Where(method => TriggerOf(method) is OrchestrationTriggerAttribute).ToArray();

        orchestrators.Select(Name).Should().Equal(ReferralOrchestrator.Name);
        orchestrators[0].GetParameters().Single().ParameterType.Should().Be<Microsoft.DurableTask.TaskOrchestrationContext>();
    }

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

    [Fact]
    public void Intake_is_triggered_by_the_referral_intake_queue_and_can_start_orchestrations()
    {
        var intake = Functions.Where(method => TriggerOf(method) is QueueTriggerAttribute).ToArray();

        intake.Select(Name).Should().Equal("ReferralIntake");
        ((QueueTriggerAttribute)TriggerOf(intake[0])).QueueName.Should().Be("referral-intake");
        TriggerParameter(intake[0]).ParameterType.Should().Be<string>();
        intake[0].GetParameters().Should().ContainSingle(parameter => parameter.GetCustomAttribute<DurableClientAttribute>() != null);
    }

    [Fact]
    public void The_app_has_no_functions_beyond_the_orchestrator_its_activities_intake_and_the_http_api()
    {
        var http = Functions.Where(method => TriggerOf(method) is HttpTriggerAttribute).Select(Name);

        Functions.Select(Name).Should().BeEquivalentTo(SharedActivities.Keys.Append(ReferralOrchestrator.Name).Append("ReferralIntake").Concat(http));
        http.Should().BeEquivalentTo(
            "SubmitReferral", "GetReferral", "DecideReview", "RespondToOffer", "AcknowledgeCrisis", "PlaceReferral",
            "ListReviews", "ListClinics", "GetIntakeFormSchema");
    }

    [Fact]
    public void Every_function_has_exactly_one_trigger()
    {
        Functions.Should().AllSatisfy(method => method.GetParameters()
            .Count(parameter => parameter.GetCustomAttributes().Any(IsTrigger)).Should().Be(1, Name(method)));
    }

    private static string Name(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    private static ParameterInfo TriggerParameter(MethodInfo method) =>
        method.GetParameters().Single(parameter => parameter.GetCustomAttributes().Any(IsTrigger));

    private static Attribute TriggerOf(MethodInfo method) => TriggerParameter(method).GetCustomAttributes().Single(IsTrigger);

    private static bool IsTrigger(Attribute attribute) =>
        attribute is Microsoft.Azure.Functions.Worker.Extensions.Abstractions.TriggerBindingAttribute;
}
