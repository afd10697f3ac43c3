using System.Buffers;
using System.Text;
using System.Text.Json;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class DecisionJsonTests
{
    /// <summary>The expected JSON is written over several lines for reading; the output has none.</summary>
    private static string OneLine(string json) => json.ReplaceLineEndings("");

    [Fact]
    public void Routed_ipt_decision_in_contract_field_order()
    {
        DecisionJson.ToJson(SpecExamples.IptGrief.Decide()).Should().Be(OneLine("""
            {"referralId":"EX-0001","policyVersion":"1.0.0","outcome":"routed","pathway":"ipt","modality":null,"adaptations":[],
            "urgency":"routine","exclusions":[],"flags":[],"problemAreas":["grief"],"scores":{"phq9":{"total":12,"severity":"moderate","item9":0},
            "gad7":{"total":7,"severity":"mild"},"cssrs":{"risk":"none"},"auditC":{"total":1,"positive":false}},
            "reasons":[{"rule":"RT-IPT","text":"No exclusion and no medication indicator fired: IPT"}]}
            """));
    }

    [Fact]
    public void Emergency_decision_with_modality_flags_and_reasons()
    {
        DecisionJson.ToJson(SpecExamples.AcuteRisk.Decide()).Should().Be(OneLine("""
            {"referralId":"EX-0003","policyVersion":"1.0.0","outcome":"routed","pathway":"alternative","modality":"crisis-services",
            "adaptations":[],"urgency":"emergency","exclusions":["acute-risk"],"flags":["contact-by-phone","suicidal-ideation-reported"],
            "problemAreas":["role-dispute"],"scores":{"phq9":{"total":20,"severity":"severe","item9":3},"gad7":{"total":7,"severity":"mild"},
            "cssrs":{"risk":"high"},"auditC":{"total":1,"positive":false}},"reasons":[
            {"rule":"EX-ACUTE-RISK","text":"C-SSRS risk is high: yes to intent (Q4), plan with intent (Q5)"},
            {"rule":"FL-IDEATION","text":"PHQ-9 item 9 is 3 (at or above 1); C-SSRS risk is high: yes to intent (Q4), plan with intent (Q5)"},
            {"rule":"FL-PHONE","text":"No client email address: no email is sent to the client; a coordinator phones"}]}
            """));
    }

    [Fact]
    public void Every_instrument_score_in_contract_order()
    {
        var form = TestForms.Baseline.WithInstruments(i => i with
        {
            Gad7 = [3, 3, 2, 2, 0, 0, 0],
            Cssrs = TestForms.NoCssrs with { WishDead = true },
            Pqb = [5, 3, .. new int[19]],
            Mdq = new Mdq(TestForms.Yes(7, of: 13), SameTimePeriod: true, MdqImpairment.Serious),
            MsiBpd = TestForms.Yes(7, of: 10),
            PcPtsd5 = new PcPtsd5(TraumaExposure: true, TestForms.Yes(3, of: 5)),
            AuditC = [2, 1, 0],
        });

        DecisionJson.ToJson(form.Decide()).Should().Be(OneLine("""
            {"referralId":"T-0001","policyVersion":"1.0.0","outcome":"routed","pathway":"alternative","modality":"psychiatric-care",
            "adaptations":[],"urgency":"urgent","exclusions":["psychosis","severe-personality-disorder","trauma-symptoms"],
            "flags":["anxiety-moderate-or-worse","hazardous-alcohol-use","suicidal-ideation-reported"],"problemAreas":["grief"],
            "scores":{"phq9":{"total":12,"severity":"moderate","item9":0},"gad7":{"total":10,"severity":"moderate"},"cssrs":{"risk":"low"},
            "pqb":{"endorsed":2,"distress":8,"positive":true},"mdq":{"positive":true},"msiBpd":{"total":7,"positive":true},
            "pcPtsd5":{"total":3,"positive":true},"auditC":{"total":3,"positive":true}},"reasons":[
            {"rule":"EX-PSYCHOSIS","text":"PQ-B distress 8 is at or above 6"},{"rule":"EX-SEVERE-PD","text":"MSI-BPD total 7 is at or above 7"},
            {"rule":"EX-TRAUMA","text":"PC-PTSD-5 total 3 after trauma exposure is at or above 3"},
            {"rule":"FL-IDEATION","text":"C-SSRS risk is low: yes to wish to be dead (Q1)"},
            {"rule":"FL-ALCOHOL","text":"AUDIT-C total 3 is at or above 3"},{"rule":"FL-ANXIETY","text":"GAD-7 total 10 is at or above 10"}]}
            """));
    }

    [Fact]
    public void Invalid_decision_has_null_pathway_and_scores_and_lists_every_error()
    {
        var decision = TriageDecision.Invalid("intake-17.json", "1.0.0",
            [new("instruments.phq9[3]", "must be from 0 to 3, found 4"), new("client.sex", "must be one of female, male, other, undisclosed")]);

        DecisionJson.ToJson(decision).Should().Be(OneLine("""
            {"referralId":"intake-17.json","policyVersion":"1.0.0","outcome":"invalid","pathway":null,"modality":null,"adaptations":[],
            "urgency":"routine","exclusions":[],"flags":[],"problemAreas":[],"scores":null,"reasons":[],"errors":[
            {"path":"instruments.phq9[3]","message":"must be from 0 to 3, found 4"},
            {"path":"client.sex","message":"must be one of female, male, other, undisclosed"}]}
            """));
    }

    [Fact]
    public void Adaptations_are_written_as_codes_in_order()
    {
        var form = TestForms.Baseline.AgedOnBirthday(16)
            .WithClinician(c => c with { BipolarHistory = true })
            .WithPresentation(p => p with { Perinatal = true, EatingDisorder = EatingDisorder.BingeEating });

        using var json = JsonDocument.Parse(DecisionJson.ToJson(form.Decide()));

        json.RootElement.GetProperty("adaptations").EnumerateArray().Select(a => a.GetString())
            .Should().Equal("ipsrt", "ipt-a", "ipt-ed", "ipt-perinatal");
    }

    [Fact]
    public void Write_leaves_writer_options_to_the_caller_and_matches_ToJson_when_they_agree()
    {
        var decision = SpecExamples.NeedsReview.Decide();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, DecisionJson.CompactOptions))
        {
            DecisionJson.Write(writer, decision);
        }

        Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be(DecisionJson.ToJson(decision));
    }
}
