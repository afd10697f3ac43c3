using System.Text.Json.Nodes;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;
using IptTriage.Fhir.Questionnaires;
using IptTriage.Triage.Decisions;

namespace IptTriage.Fhir.Tests;

/// <summary>samples/fhir: the Questionnaires exactly as served, and FHIR referrals made from sample intake forms in
/// the shapes senders use, each screened to the decision derived by hand for its form (samples/intake/expected).
/// Set IPTRIAGE_WRITE_FHIR_SAMPLES to the repository's samples/fhir to write them afresh.</summary>
public sealed class SampleFilesTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "samples", "fhir");

    /// <summary>Which forms become samples, and how each is sent.</summary>
    public static readonly (string Form, string Kind, ResponseShape Shape)[] Referrals =
    [
        ("0101-ipt-grief-spanish-speaking-widow.json", "bundle", new(AnswerStyle.Coded, LinkIdStyle.Published)),
        ("0106-ipsrt-mdq-positive-bipolar-spectrum.json", "bundle", new(AnswerStyle.Coded, LinkIdStyle.ThroughQuestionnaire)),
        ("0114-ipt-flags-alcohol-anxiety-isolation-cbt-elements.json", "bundle", new(AnswerStyle.Integers, LinkIdStyle.LoincPaths)),
        ("0201-crisis-services-cssrs-intent-no-share-consent.json", "bundle", new(AnswerStyle.Integers, LinkIdStyle.Published)),
        ("0207-trauma-focused-therapy-pc-ptsd-5-positive.json", "bundle", new(AnswerStyle.OrdinalExtensions, LinkIdStyle.Published, Grouped: true)),
        ("0301-review-risk-cssrs-moderate-method.json", "bundle", new(AnswerStyle.Coded, LinkIdStyle.LoincPaths, Grouped: true)),
        ("0109-ipt-perinatal-spanish-speaking-phone-preferred.json", "questionnaire-response", new(Grouped: true)),
        ("0302-review-risk-phq9-item9-without-cssrs-spanish.json", "questionnaire-response", new(AnswerStyle.Integers, Grouped: true)),
    ];

    public static TheoryData<string, string> SampleReferrals()
    {
        var data = new TheoryData<string, string>();
        foreach (var (form, kind, _) in Referrals) data.Add(kind, form);
        return data;
    }

    private static IEnumerable<(string Path, string Text)> Generated() =>
    [
        .. IntakeQuestionnaires.All().Select(questionnaire => (Path.Combine("questionnaires", questionnaire.Id + ".json"), FhirJson.ToText(questionnaire, pretty: true))),
        .. Referrals.Select(referral => (Path.Combine(referral.Kind, referral.Form), FhirJson.ToText(referral.Kind == "bundle"
            ? FhirReferralWriter.ToBundle(SampleForms.Form(referral.Form), referral.Shape)
            : FhirReferralWriter.ToResponse(SampleForms.Form(referral.Form), referral.Shape), pretty: true))),
    ];

    [Fact]
    public void The_shipped_files_are_what_the_code_serves_and_writes()
    {
        if (Environment.GetEnvironmentVariable("IPTRIAGE_WRITE_FHIR_SAMPLES") is { Length: > 0 } target)
            foreach (var (path, text) in Generated())
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, path))!);
                File.WriteAllText(Path.Combine(target, path), text + "\n");
            }
        foreach (var (path, text) in Generated())
            File.ReadAllText(Path.Combine(Shipped, path)).Should().Be(text + "\n", $"samples/fhir/{path} is stale (see this class's summary)");
    }

    [Theory]
    [MemberData(nameof(SampleReferrals))]
    public void A_sample_fhir_referral_screens_to_the_decision_derived_by_hand_for_its_form(string kind, string name)
    {
        var decision = FhirScreening.Screen(File.ReadAllBytes(Path.Combine(Shipped, kind, name)), name, SampleForms.Policy);

        var actual = JsonNode.Parse(DecisionJson.ToJson(decision))!.AsObject();
        actual.Remove("policyVersion");
        foreach (var reason in actual["reasons"]!.AsArray()) reason!.AsObject().Remove("text");
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(SampleForms.Directory, "expected", name)));
        JsonNode.DeepEquals(actual, expected).Should().BeTrue($"{kind}/{name}: {actual.ToJsonString()}");
    }
}
