using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class FlagRuleTests
{
    [Theory]
    [InlineData(Sex.Male, 3, "routed ipt routine | RT-IPT |")]
    [InlineData(Sex.Male, 4, "routed ipt routine | RT-IPT FL-ALCOHOL | hazardous-alcohol-use")]
    [InlineData(Sex.Female, 2, "routed ipt routine | RT-IPT |")]
    [InlineData(Sex.Female, 3, "routed ipt routine | RT-IPT FL-ALCOHOL | hazardous-alcohol-use")]
    [InlineData(Sex.Other, 3, "routed ipt routine | RT-IPT FL-ALCOHOL | hazardous-alcohol-use")]
    [InlineData(Sex.Undisclosed, 3, "routed ipt routine | RT-IPT FL-ALCOHOL | hazardous-alcohol-use")]
    public void Hazardous_alcohol_use_at_the_audit_c_cut_off_for_the_clients_sex(Sex sex, int total, string summary)
    {
        Baseline.WithClient(c => c with { Sex = sex }).WithInstruments(i => i with { AuditC = ItemsWithTotal(3, 4, total) })
            .Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Alcohol_reason_quotes_the_cut_off_applied()
    {
        Baseline.WithClient(c => c with { Sex = Sex.Male }).WithInstruments(i => i with { AuditC = [4, 1, 0] }).Decide().Reasons
            .Should().ContainSingle(r => r.Rule == RuleIds.FlAlcohol).Which.Text.Should().Be("AUDIT-C total 5 is at or above 4");
    }

    [Theory]
    [InlineData(9, "routed ipt routine | RT-IPT |")]
    [InlineData(10, "routed ipt routine | RT-IPT FL-ANXIETY | anxiety-moderate-or-worse")]
    public void Anxiety_flag_from_gad7_10(int total, string summary)
    {
        Baseline.WithInstruments(i => i with { Gad7 = ItemsWithTotal(7, 3, total) }).Decide().Summary().Should().Be(summary);
    }

    [Theory]
    [InlineData(true, true, "routed ipt routine | RT-IPT |")]
    [InlineData(false, true, "routed ipt routine | RT-IPT FL-PHONE | contact-by-phone")]
    [InlineData(true, false, "routed ipt routine | RT-IPT FL-PHONE | contact-by-phone")]
    [InlineData(false, false, "routed ipt routine | RT-IPT FL-PHONE | contact-by-phone")]
    public void Contact_by_phone_without_email_or_consent_to_email(bool hasEmail, bool contactByEmail, string summary)
    {
        Baseline.WithClient(c => c with { Email = hasEmail ? c.Email : null }).WithConsent(contactByEmail: contactByEmail)
            .Decide().Summary().Should().Be(summary);
    }

    [Fact]
    public void Phone_reason_says_why_and_never_quotes_the_address()
    {
        Baseline.WithConsent(contactByEmail: false).Decide().Reasons[^1].Should().Be(new Reason(RuleIds.FlPhone,
            "Client has not consented to contact by email: no email is sent to the client; a coordinator phones"));
    }

    [Fact]
    public void Flags_fire_whatever_the_pathway_and_outcome()
    {
        var decision = Baseline.WithClient(c => c with { Email = null })
            .WithPresentation(p => p with { ProblemAreas = [] })
            .WithInstruments(i => i with { Gad7 = [3, 3, 3, 3, 0, 0, 0], AuditC = [2, 2, 0] })
            .WithClinician(c => c with { CurrentMania = true, SevereSocialIsolation = true })
            .Decide();

        decision.Summary().Should().Be("routed alternative/psychiatric-care urgent | EX-MANIA FL-ALCOHOL FL-ANXIETY FL-ISOLATION FL-PHONE"
            + " | anxiety-moderate-or-worse contact-by-phone engagement-risk hazardous-alcohol-use");
    }

    [Fact]
    public void Reasons_never_contain_personal_data()
    {
        var form = Baseline.WithPhq9(24, item9: 3).WithClient(c => c with { Email = null, Phone = "+44 20 7946 0000" })
            .WithPresentation(p => p with { Summary = "Confidential summary text", ProblemAreas = [], EpisodeDurationMonths = 40 })
            .WithInstruments(i => i with { Cssrs = NoCssrs with { BehaviorEver = true }, AuditC = [4, 4, 4] })
            .WithClinician(c => c with { PersonalityDisorder = PersonalityDisorder.Other, SevereSocialIsolation = true });
        var decision = form.Decide();
        var text = string.Join("\n", decision.Reasons.Select(r => r.Text));

        decision.Reasons.Should().HaveCountGreaterThan(5);
        foreach (var personal in new[] { "Alex", "Doe", "1986", "03-14", "example.org", "7946", "Confidential", "referrals@" })
        {
            text.Should().NotContain(personal);
        }
    }
}
