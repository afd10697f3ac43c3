using System.Text;
using IptTriage.Workflow.Records;

namespace IptTriage.Records.Tests;

/// <summary>The payload a form was mapped from (a FHIR Bundle, schema v8), kept beside the form for audit.</summary>
public abstract partial class RecordStoreContract
{
    [Fact]
    public async Task A_referral_keeps_the_payload_its_form_was_mapped_from_byte_for_byte_and_a_resubmission_replaces_it()
    {
        var store = await OpenAsync();
        var bundle = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",  \"type\":\"collection\", \"é\":1}");
        var source = new ReferralSource("application/fhir+json", bundle);

        await store.AddAsync(new NewReferral("R-fhir", T0, "{"u8.ToArray(), source));
        await store.AddAsync(new NewReferral("R-json", T0, "{}"u8.ToArray()));

        var read = await store.ReadSourceAsync("R-fhir");
        read!.MediaType.Should().Be("application/fhir+json");
        read.Content.Should().Equal(bundle);
        (await store.ReadSourceAsync("R-json")).Should().BeNull("a form that arrived as itself has no other payload");
        (await store.ReadSourceAsync("R-unknown")).Should().BeNull();

        await store.SetStatusAsync("R-fhir", ReferralStatus.Invalid, new AuditEntry("R-fhir", T0, AuditStep.Screened, Actors.System, []));
        var corrected = new ReferralSource("application/fhir+json", "{\"resourceType\":\"Bundle\"}"u8.ToArray());
        (await store.ResubmitInvalidAsync(new NewReferral("R-fhir", T0.AddHours(1), "{}"u8.ToArray(), corrected))).Should().BeTrue();
        (await store.ReadSourceAsync("R-fhir"))!.Content.Should().Equal(corrected.Content);
    }
}
