using System.Net;
using System.Text;
using System.Text.Json;
using IptTriage.Fhir;
using IptTriage.Fhir.Forms;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Testing;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Records;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>FHIR referrals through <c>iptriage serve</c> on real Kestrel, SQLite and the embedded engine: taken in as
/// their JSON forms are, refused whole with FHIR locations, each followed as a Task.</summary>
public sealed class FhirTests : IAsyncLifetime
{
    private readonly CapturedLogs logs = new();

    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync(services: services => services.AddSingleton<ILoggerProvider>(logs));

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static byte[] Bundle(string sample, ResponseShape? shape = null) =>
        FhirJson.ToUtf8(FhirReferralWriter.ToBundle(Form(sample), shape));

    private static IntakeForm Form(string sample) => IntakeParser.Parse(Encoding.UTF8.GetBytes(Samples.Read(sample).ToJsonString())).Form!;

    private static ByteArrayContent Fhir(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/fhir+json");
        return content;
    }

    private async Task<JsonElement> TaskOf(string referralId, string? key = null)
    {
        using var client = host.Client(key ?? ApiHost.CoordinatorKey);
        using var response = await client.GetAsync($"/fhir/Task/{referralId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static string[] Outputs(JsonElement task) =>
        task.TryGetProperty("output", out var outputs) ? [.. outputs.EnumerateArray().Select(output => output.GetRawText())] : [];

    private static string Status(JsonElement task) => task.GetProperty("status").GetString()!;

    private static string BusinessStatus(JsonElement task) => task.GetProperty("businessStatus").GetProperty("coding")[0].GetProperty("code").GetString()!;

    [Fact]
    public async Task A_bundle_delivered_twice_is_one_referral_screened_once_with_its_fhir_payload_kept()
    {
        var bundle = Bundle(Samples.Emergency);
        using var client = host.Client(ApiHost.IntakeKey);

        foreach (var delivery in new[] { 1, 2 })
        {
            using var response = await client.PostAsync("/fhir/Bundle", Fhir(bundle));
            response.StatusCode.Should().Be(HttpStatusCode.Accepted, $"delivery {delivery}: {await response.Content.ReadAsStringAsync()}");
            response.Headers.Location!.ToString().Should().Be("/fhir/Task/SMP-0201");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        }

        var view = await host.WaitForStatusAsync("SMP-0201", "emergency", auditStep: "screened");
        view.GetProperty("audit").EnumerateArray().Count(entry => entry.GetProperty("step").GetString() == "screened").Should().Be(1);
        var records = host.Services.GetRequiredService<IRecordStore>();
        var source = await records.ReadSourceAsync("SMP-0201");
        source!.MediaType.Should().Be("application/fhir+json");
        source.Content.Should().Equal(bundle);
        IntakeParser.Parse(await records.ReadFormAsync("SMP-0201")).Form.Should().BeEquivalentTo(Form(Samples.Emergency));
    }

    [Fact]
    public async Task A_bundle_under_the_id_of_a_referral_taken_in_as_json_is_409_as_any_other_form_and_changes_nothing()
    {
        var referralId = await host.SubmitAsync(Samples.Routed);
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.Routed)));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict, "the mapped form is not byte for byte the form taken in, so it is another form under a taken id");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        (await host.Services.GetRequiredService<IRecordStore>().ReadSourceAsync(referralId)).Should().BeNull("the referral arrived as JSON first");
    }

    [Fact]
    public async Task A_questionnaire_response_alone_is_taken_in_and_its_task_follows_the_review()
    {
        var response = FhirJson.ToUtf8(FhirReferralWriter.ToResponse(Form(Samples.UrgentReview)));
        using var client = host.Client(ApiHost.IntakeKey);

        using var submitted = await client.PostAsync("/fhir/QuestionnaireResponse", Fhir(response));

        submitted.StatusCode.Should().Be(HttpStatusCode.Accepted, await submitted.Content.ReadAsStringAsync());
        await host.WaitForStatusAsync("SMP-0301", "awaiting-review");
        var task = await TaskOf("SMP-0301");
        (Status(task), BusinessStatus(task)).Should().Be(("received", "awaiting-review"));
        task.GetProperty("focus").GetProperty("identifier").GetProperty("value").GetString().Should().Be("SMP-0301");
    }

    [Fact]
    public async Task An_unmappable_bundle_is_refused_whole_with_its_fhir_locations_and_nothing_is_stored()
    {
        var bundle = System.Text.Json.Nodes.JsonNode.Parse(Bundle(Samples.Routed))!;
        var patient = bundle["entry"]!.AsArray().Select(entry => entry!["resource"]!).First(resource => resource["resourceType"]!.GetValue<string>() == "Patient");
        patient.AsObject().Remove("birthDate");
        using var client = host.Client(ApiHost.IntakeKey);

        using var response = await client.PostAsync("/fhir/Bundle", Fhir(Encoding.UTF8.GetBytes(bundle.ToJsonString())));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
        outcome.GetProperty("issue").EnumerateArray().Select(issue => issue.GetProperty("expression")[0].GetString()).Should().Equal("Bundle.entry[1].resource.birthDate");
        (await host.Services.GetRequiredService<IRecordStore>().FindAsync("SMP-0101")).Should().BeNull();
    }

    [Fact]
    public async Task The_task_follows_a_referral_to_a_clinic_which_sees_the_minimum_and_another_clinic_sees_nothing()
    {
        using var client = host.Client(ApiHost.IntakeKey);
        (await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.Routed)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var clinicId = (await host.WaitForStatusAsync("SMP-0101", "awaiting-clinic")).GetProperty("clinicId").GetString()!;

        var coordinatorTask = await TaskOf("SMP-0101");
        (Status(coordinatorTask), BusinessStatus(coordinatorTask)).Should().Be(("in-progress", "awaiting-clinic"));
        coordinatorTask.GetProperty("owner").GetProperty("identifier").GetProperty("value").GetString().Should().Be(clinicId);
        var clinicTask = await TaskOf("SMP-0101", ApiHost.ClinicKey(clinicId));
        (Status(clinicTask), BusinessStatus(clinicTask)).Should().Be(("requested", "awaiting-clinic"));
        clinicTask.TryGetProperty("authoredOn", out _).Should().BeFalse("a clinic is told the minimum needed to act");
        var outputs = clinicTask.GetProperty("output").EnumerateArray().Select(output => output.GetProperty("type").GetProperty("coding")[0].GetProperty("code").GetString());
        outputs.Should().Contain(["pathway", "urgency"]);
        clinicTask.GetRawText().Should().NotContain("Lucía").And.NotContain("1971").And.NotContain("grief");

        using var other = host.Clinic(ApiHost.ClinicIds.First(id => id != clinicId));
        (await other.GetAsync("/fhir/Task/SMP-0101")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var intake = host.Client(ApiHost.IntakeKey);
        (await intake.GetAsync("/fhir/Task/SMP-0101")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var clinic = host.Clinic(clinicId);
        (await clinic.PostAsync("/api/referrals/SMP-0101/clinic-response", Samples.Json("""{"accept":true}"""))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync("SMP-0101", "placed");
        Status(await TaskOf("SMP-0101")).Should().Be("completed");
        Status(await TaskOf("SMP-0101", ApiHost.ClinicKey(clinicId))).Should().Be("accepted");
    }

    [Fact]
    public async Task The_task_of_an_emergency_is_in_progress_of_a_closed_review_cancelled_and_of_an_invalid_form_rejected()
    {
        using var client = host.Client(ApiHost.IntakeKey);
        (await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.Emergency)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.RoutineReview)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var invalid = Samples.Read(Samples.OtherRoutineReview);
        invalid["client"]!["email"] = "not-an-address";
        var invalidId = await SubmitInvalidAsync(invalid);

        await host.WaitForStatusAsync("SMP-0201", "emergency");
        (Status(await TaskOf("SMP-0201")), BusinessStatus(await TaskOf("SMP-0201"))).Should().Be(("in-progress", "emergency"));
        await host.WaitForStatusAsync("SMP-0303", "awaiting-review");
        using var coordinator = host.Coordinator();
        (await coordinator.PostAsync("/api/referrals/SMP-0303/review", Samples.Json("""{"decision":"close","reason":"Moved away."}""")))
            .StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync("SMP-0303", "closed");
        Status(await TaskOf("SMP-0303")).Should().Be("cancelled");
        await host.WaitForStatusAsync(invalidId, "invalid");
        Status(await TaskOf(invalidId)).Should().Be("rejected");
    }

    [Fact]
    public async Task The_crisis_team_reads_the_task_of_an_emergency_and_gets_404_for_any_other_referral()
    {
        using var client = host.Client(ApiHost.IntakeKey);
        (await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.Emergency)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.RoutineReview)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync("SMP-0201", "emergency");
        await host.WaitForStatusAsync("SMP-0303", "awaiting-review");

        // The JSON API's rule (ReferralAccess): the crisis team sees emergencies, as a coordinator does, and nothing else.
        var emergency = await TaskOf("SMP-0201", ApiHost.CrisisKey);
        var coordinators = await TaskOf("SMP-0201");
        (emergency.GetProperty("id").GetString(), Status(emergency), BusinessStatus(emergency)).Should().Be(("SMP-0201", "in-progress", "emergency"));
        Outputs(emergency).Should().NotBeEmpty().And.Equal(Outputs(coordinators), "the crisis team sees the coordinator's view of the case");

        using var crisis = host.Client(ApiHost.CrisisKey);
        foreach (var hidden in new[] { "SMP-0303", "SMP-9999" })
        {
            using var response = await crisis.GetAsync($"/fhir/Task/{hidden}");
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, "a referral that is not an emergency and one that does not exist get the same answer");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
            var outcome = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            outcome.GetProperty("resourceType").GetString().Should().Be("OperationOutcome");
            outcome.GetProperty("issue")[0].GetProperty("code").GetString().Should().Be("not-found");
        }
    }

    [Fact]
    public async Task Nothing_personal_from_a_fhir_referral_reaches_the_logs_or_the_orchestration_history()
    {
        using var client = host.Client(ApiHost.IntakeKey);
        (await client.PostAsync("/fhir/Bundle", Fhir(Bundle(Samples.Routed)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        var broken = System.Text.Json.Nodes.JsonNode.Parse(Bundle(Samples.Routed, new(AnswerStyle.Integers)))!;
        broken["entry"]![1]!["resource"]!["birthDate"] = "1971-04";
        (await client.PostAsync("/fhir/Bundle", Fhir(Encoding.UTF8.GetBytes(broken.ToJsonString())))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await host.WaitForStatusAsync("SMP-0101", "awaiting-clinic");

        var instance = await host.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync("SMP-0101", getInputsAndOutputs: true);
        var personal = new[] { "Lucía", "Fernández", "1971-04-12", "lucia.fernandez@example.org", "Amara", "Tristeza" };
        foreach (var text in new[] { instance!.SerializedInput, instance.SerializedOutput, instance.SerializedCustomStatus, string.Join('\n', logs.Lines) })
            foreach (var value in personal) (text ?? "").Should().NotContain(value);
        logs.Lines.Should().NotBeEmpty("the host logs as it runs, so the check above saw something");
    }

    private async Task<string> SubmitInvalidAsync(System.Text.Json.Nodes.JsonNode form)
    {
        using var client = host.Coordinator();
        using var response = await client.PostAsync("/api/referrals", Samples.Content(form));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        return form["referralId"]!.GetValue<string>();
    }
}
