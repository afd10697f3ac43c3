using System.Text.Json.Nodes;
using IptTriage.Fhir.Intake;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>A health record keeps the names and contact points someone no longer uses. The form takes the ones in use
/// on the day of the referral (2026-11-02 in the sample), so nobody is written to at an address they gave up; and a
/// language by its BCP-47 code, whatever the record lists first.</summary>
public sealed class CurrentContactTests
{
    private const string Sample = "0101-ipt-grief-spanish-speaking-widow.json";

    private static JsonNode Bundle() => SampleForms.BundleJson(Sample);

    private static JsonNode Resource(JsonNode bundle, string type) => SampleForms.ResourcesOf(bundle, type).Single();

    private static IntakeForm Mapped(JsonNode bundle)
    {
        var intake = FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");
        intake.Issues.Should().BeEmpty();
        return IntakeParser.Parse(intake.Form).Form!;
    }

    private static string? ClientEmailWith(string telecom)
    {
        var bundle = Bundle();
        Resource(bundle, "Patient")["telecom"] = JsonNode.Parse(telecom);
        return Mapped(bundle).Client.Email;
    }

    [Fact]
    public void An_email_marked_old_or_ended_before_the_referral_gives_way_to_the_one_in_use()
    {
        ClientEmailWith("""
            [{"system": "email", "value": "given.up@example.org", "use": "old"},
             {"system": "email", "value": "ended@example.org", "period": {"start": "2019-01-01", "end": "2026-11-01"}},
             {"system": "email", "value": "ended.last.year@example.org", "period": {"end": "2025"}},
             {"system": "email", "value": "current@example.org", "use": "home"}]
            """).Should().Be("current@example.org");
    }

    [Theory]
    [InlineData("2026-11-02")]
    [InlineData("2026-11-02T08:00:00Z")]
    [InlineData("2026-12")]
    [InlineData("2027")]
    public void An_email_whose_period_ends_on_or_after_the_day_of_the_referral_is_in_use(string end)
    {
        ClientEmailWith($$$"""[{"system": "email", "value": "until.then@example.org", "period": {"end": "{{{end}}}"}}]""")
            .Should().Be("until.then@example.org");
    }

    [Fact]
    public void With_no_email_in_use_the_form_has_none_and_the_referral_still_maps()
    {
        ClientEmailWith("""[{"system": "email", "value": "given.up@example.org", "use": "old"}, {"system": "phone", "value": "+44 20 7946 0000"}]""")
            .Should().BeNull();
    }

    [Fact]
    public void The_best_ranked_email_in_use_is_taken_ranked_before_unranked()
    {
        ClientEmailWith("""
            [{"system": "email", "value": "unranked@example.org"},
             {"system": "email", "value": "second@example.org", "rank": 2},
             {"system": "email", "value": "first.but.old@example.org", "rank": 1, "use": "old"},
             {"system": "email", "value": "first@example.org", "rank": 1}]
            """).Should().Be("first@example.org");
    }

    [Fact]
    public void The_phone_follows_the_same_rule()
    {
        var bundle = Bundle();
        Resource(bundle, "Patient")["telecom"] = JsonNode.Parse("""
            [{"system": "phone", "value": "+44 20 7946 0001", "use": "old"}, {"system": "phone", "value": "+44 20 7946 0002", "use": "mobile"}]
            """);

        Mapped(bundle).Client.Phone.Should().Be("+44 20 7946 0002");
    }

    [Fact]
    public void A_maiden_or_ended_official_name_gives_way_to_the_name_in_use()
    {
        var bundle = Bundle();
        Resource(bundle, "Patient")["name"] = JsonNode.Parse("""
            [{"use": "nickname", "given": ["Lu"], "family": "Nick"},
             {"use": "maiden", "given": ["Lucía"], "family": "Maiden"},
             {"use": "official", "given": ["Lucía"], "family": "Ended", "period": {"end": "2020-06-30"}},
             {"use": "usual", "given": ["Lucía"], "family": "Current"}]
            """);

        var client = Mapped(bundle).Client;

        (client.GivenName, client.FamilyName).Should().Be(("Lucía", "Current"));
    }

    [Fact]
    public void A_record_with_only_names_out_of_use_still_gives_the_first_a_referral_needs_a_name()
    {
        var bundle = Bundle();
        Resource(bundle, "Patient")["name"] = JsonNode.Parse("""[{"use": "old", "given": ["Lucía"], "family": "Old"}]""");

        Mapped(bundle).Client.FamilyName.Should().Be("Old");
    }

    [Fact]
    public void The_language_is_the_bcp47_coding_even_after_a_records_own_code()
    {
        var bundle = Bundle();
        Resource(bundle, "Patient")["communication"] = JsonNode.Parse("""
            [{"language": {"coding": [{"system": "http://ehr.example.org/languages", "code": "SPA"}, {"system": "urn:ietf:bcp:47", "code": "es-MX"}], "text": "Spanish"}, "preferred": true}]
            """);

        Mapped(bundle).Client.PreferredLanguage.Should().Be("es-MX");
    }

    [Fact]
    public void A_referrers_old_email_and_name_are_not_taken()
    {
        var bundle = Bundle();
        var practitioner = Resource(bundle, "Practitioner");
        practitioner["name"] = JsonNode.Parse("""[{"use": "old", "text": "Dr Former Name"}, {"text": "Dr Amara Lind"}]""");
        practitioner["telecom"] = JsonNode.Parse("""[{"system": "email", "value": "old.practice@example.org", "use": "old"}, {"system": "email", "value": "referrals@riverside.example.org"}]""");

        var referrer = Mapped(bundle).Referrer;

        (referrer.Name, referrer.Email).Should().Be(("Dr Amara Lind", "referrals@riverside.example.org"));
    }
}
