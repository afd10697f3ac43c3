using System.Net;
using System.Text;
using IptTriage.Fhir;
using IptTriage.Fhir.Forms;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Api;

/// <summary><c>GET /api/referrals/{id}/source</c> on real Kestrel and SQLite: the referral as it was sent, byte for byte
/// (a health record's FHIR request, or a form), for coordinators and supervisors only, each read in the audit trail.</summary>
public sealed class ReferralSourceTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static byte[] SampleBytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "samples", "intake", name));

    private async Task<IReadOnlyList<AuditEntry>> SourceReadsAsync(string referralId) =>
        [.. (await host.Services.GetRequiredService<IRecordStore>().ReadAuditAsync(referralId)).Where(entry => entry.Step == AuditStep.SourceRead)];

    [Fact]
    public async Task A_fhir_referral_is_given_back_as_the_record_system_sent_it_and_the_read_is_audited()
    {
        var bundle = FhirJson.ToUtf8(FhirReferralWriter.ToBundle(IntakeParser.Parse(SampleBytes(Samples.Routed)).Form!), pretty: true);
        using (var intake = host.Client(ApiHost.IntakeKey))
        {
            var content = new ByteArrayContent(bundle);
            content.Headers.ContentType = new("application/fhir+json");
            (await intake.PostAsync("/fhir/Bundle", content)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
        await host.WaitForStatusAsync("SMP-0101", "awaiting-clinic");

        using var supervisor = host.Client(ApiHost.SupervisorKey);
        using var response = await supervisor.GetAsync("/api/referrals/SMP-0101/source");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(bundle, "the request as sent, not the form it was mapped to");
        (await SourceReadsAsync("SMP-0101")).Should().ContainSingle().Which.Actor.Should().Be("key:supervisor");
    }

    [Fact]
    public async Task A_form_is_given_back_as_it_was_submitted_and_each_read_is_shown_in_the_case_timeline()
    {
        var form = SampleBytes(Samples.UrgentReview);
        using var coordinator = host.Client(ApiHost.CoordinatorKey);
        (await coordinator.PostAsync("/api/referrals", Samples.Content(form))).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await host.WaitForStatusAsync("SMP-0301", "awaiting-review");

        foreach (var read in new[] { 1, 2 })
        {
            using var response = await coordinator.GetAsync("/api/referrals/SMP-0301/source");
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"read {read}");
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            (await response.Content.ReadAsByteArrayAsync()).Should().Equal(form);
        }

        (await SourceReadsAsync("SMP-0301")).Should().HaveCount(2);
        var view = await host.WaitForStatusAsync("SMP-0301", "awaiting-review");
        view.GetProperty("audit").EnumerateArray().Count(entry => entry.GetProperty("step").GetString() == "source-read").Should().Be(2);
    }

    [Fact]
    public async Task Only_coordinators_and_supervisors_read_it_and_an_unknown_referral_is_404()
    {
        using (var coordinator = host.Client(ApiHost.CoordinatorKey))
        {
            (await coordinator.PostAsync("/api/referrals", Samples.Content(SampleBytes(Samples.Emergency)))).StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await coordinator.GetAsync("/api/referrals/NO-SUCH-REFERRAL/source")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        await host.WaitForStatusAsync("SMP-0201", "emergency");

        foreach (var key in new[] { ApiHost.CrisisKey, ApiHost.IntakeKey, ApiHost.ClinicKey("harbour-crisis") })
        {
            using var client = host.Client(key);
            using var response = await client.GetAsync("/api/referrals/SMP-0201/source");
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, key);
            Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).Should().NotContain("SMP-0201\"", "nothing of the referral in a refusal");
        }
        (await SourceReadsAsync("SMP-0201")).Should().BeEmpty();
    }
}
