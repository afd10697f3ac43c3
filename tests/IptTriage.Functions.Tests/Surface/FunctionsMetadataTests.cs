using System.Reflection;
using System.Text.Json.Nodes;
using IptTriage.Api;
using IptTriage.Composition;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Orchestrators;

namespace IptTriage.Functions.Tests.Surface;

/// <summary>What the Functions host will index: the <c>functions.metadata</c> the Worker SDK writes into the app's build
/// output (not the copy in this test's output). Every function is listed with its trigger and, per trigger, the
/// settings the platform acts on before any app code runs: route, methods and auth level of an HTTP trigger, the queue
/// of a queue trigger.</summary>
public sealed class FunctionsMetadataTests
{
    internal static readonly string AppOutput = BuildSetting("FunctionsAppOutput");

    /// <param name="Client">Whether the function gets a <c>[DurableClient]</c> binding (it starts or signals orchestrations).</param>
    private sealed record Entry(string Name, string Trigger, string? Route = null, string? Methods = null, string? AuthLevel = null,
        string? QueueName = null, string? Connection = null, bool Client = false);

    private static Entry Http(string name, string method, string route, bool client = false) =>
        new(name, "httpTrigger", route, method, "Anonymous", Client: client);

    private static Entry Activity(string name) => new(name, "activityTrigger");

    [Fact]
    public void Every_function_has_its_trigger_route_methods_auth_level_and_queue()
    {
        ReadMetadata().Should().BeEquivalentTo(new[]
        {
            new Entry(ReferralOrchestrator.Name, "orchestrationTrigger"),
            // No connection: the queue is in the host's own storage account (AzureWebJobsStorage), as docs/azure.md says.
            new Entry("ReferralIntake", "queueTrigger", QueueName: IntakeQueue.DefaultName, Client: true),
            Http("SubmitReferral", "POST", "api/referrals", client: true),
            Http("ListReferrals", "GET", "api/referrals"),
            Http("GetReferral", "GET", "api/referrals/{id}"),
            Http("GetReferralSource", "GET", "api/referrals/{id}/source"),
            Http("DecideReview", "POST", "api/referrals/{id}/review", client: true),
            Http("RespondToOffer", "POST", "api/referrals/{id}/clinic-response", client: true),
            Http("AcknowledgeCrisis", "POST", "api/referrals/{id}/crisis-ack", client: true),
            Http("PlaceReferral", "POST", "api/referrals/{id}/placement", client: true),
            Http("ListReviews", "GET", "api/reviews"),
            Http("GetWorklists", "GET", "api/worklists"),
            Http("ListClinics", "GET", "api/clinics"),
            Http("GetIntakeFormSchema", "GET", "api/schema/intake-form"),
            Http("GetClinic", "GET", "api/clinics/{clinicId}"),
            Http("SetClinicCapacity", "PUT", "api/clinics/{clinicId}/capacity", client: true),
            Http("ListPlacementOptions", "GET", "api/referrals/{id}/placement-options"),
            Http("SearchReferrals", "POST", "api/referrals/search"),
            Http("AssignReferral", "POST", "api/referrals/{id}/assignment"),
            Http("AddCaseNote", "POST", "api/referrals/{id}/notes"),
            Http("CloseReferral", "POST", "api/referrals/{id}/close", client: true),
            Http("DischargeReferral", "POST", "api/referrals/{id}/discharge", client: true),
            Http("SubmitFhirBundle", "POST", "fhir/Bundle", client: true),
            Http("SubmitFhirQuestionnaireResponse", "POST", "fhir/QuestionnaireResponse", client: true),
            Http("ListFhirQuestionnaires", "GET", "fhir/Questionnaire"),
            Http("GetFhirQuestionnaire", "GET", "fhir/Questionnaire/{id}"),
            Http("GetFhirTask", "GET", "fhir/Task/{id}"),
            Http("GetFhirMetadata", "GET", "fhir/metadata"),
            Http("RunPolicyWhatIf", "POST", "api/policy/what-if"),
            Http("ListClinicCases", "GET", "api/clinic/cases"),
            Http("GetPolicy", "GET", "api/policy"),
            Http("GetSession", "GET", "api/session"),
            Http("AssignSessionRoles", "POST", "api/session/roles"),
            Activity(ScreenReferral.Name),
            Activity(SendNotification.Name),
            Activity(OfferToNextClinic.Name),
            Activity(CloseClinicOffer.Name),
            Activity(OfferToClinic.Name),
            Activity(FindCasesForSlot.Name),
            Activity(CloseCase.Name),
            Activity(DischargeCase.Name),
            Activity(ApplyReviewDecision.Name),
            Activity(RecordStep.Name),
        });
        IntakeQueue.DefaultName.Should().Be("referral-intake", "the queue infra/main.bicep creates");
    }

    [Fact]
    public void The_http_triggers_serve_exactly_the_routes_and_methods_of_the_route_table()
    {
        ReadMetadata().Where(function => function.Trigger == "httpTrigger")
            .Select(function => (function.Name, Method: function.Methods!.ToUpperInvariant(), Path: $"/{function.Route}"))
            .Should().BeEquivalentTo(ApiRoutes.All.Select(route => (route.Name, route.Method, route.Path)).Concat(HttpSurfaceTests.SessionRoutes));
    }

    [Fact]
    public void Every_function_runs_in_the_isolated_worker_from_the_apps_assembly()
    {
        Functions().Should().NotBeEmpty().And.AllSatisfy(function =>
        {
            function!["language"]!.GetValue<string>().Should().Be("dotnet-isolated");
            function["scriptFile"]!.GetValue<string>().Should().Be("IptTriage.Functions.dll");
        });
        File.Exists(Path.Combine(AppOutput, "IptTriage.Functions.dll")).Should().BeTrue();
    }

    [Fact]
    public void The_host_is_given_the_durable_task_and_storage_queue_extensions_the_triggers_need()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(AppOutput, "extensions.json")))!["extensions"]!.AsArray()
            .Select(extension => extension!["name"]!.GetValue<string>());

        extensions.Should().Contain(["DurableTask", "AzureStorageQueues"]);
    }

    [Theory]
    [InlineData("host.json")]
    [InlineData("local.settings.sample.json")]
    public void The_repository_roots_host_settings_are_copied_beside_the_app(string file)
    {
        File.ReadAllText(Path.Combine(AppOutput, file)).Should().Be(File.ReadAllText(Path.Combine(BuildSetting("RepositoryRoot"), file)));
    }

    /// <summary>Paths the test project's build compiles in (IptTriage.Functions.Tests.csproj).</summary>
    private static string BuildSetting(string key) => typeof(FunctionsMetadataTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == key).Value!;

    private static JsonArray Functions() => JsonNode.Parse(File.ReadAllText(Path.Combine(AppOutput, "functions.metadata")))!.AsArray();

    private static IEnumerable<Entry> ReadMetadata() => Functions().Select(function =>
    {
        var bindings = function!["bindings"]!.AsArray().Select(binding => binding!.AsObject()).ToList();
        var trigger = bindings.Single(binding => binding["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
        trigger["direction"]!.GetValue<string>().Should().Be("In");
        return new Entry(
            function["name"]!.GetValue<string>(),
            trigger["type"]!.GetValue<string>(),
            trigger["route"]?.GetValue<string>(),
            trigger["methods"] is JsonArray methods ? string.Join(",", methods.Select(method => method!.GetValue<string>())) : null,
            trigger["authLevel"]?.GetValue<string>(),
            trigger["queueName"]?.GetValue<string>(),
            trigger["connection"]?.GetValue<string>(),
            bindings.Any(binding => binding["type"]!.GetValue<string>() == "durableClient"));
    });
}
