using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Notifications;

namespace IptTriage.Workflow.Tests.Notifications;

public sealed class NotificationTemplatesTests
{
    private static readonly NotificationTemplates Templates = NotificationTemplates.LoadBundled();

    private static readonly NotificationFacts Full = new(
        "R-1042", Urgency.Urgent, Pathway.Ipt, null, "Northbridge Psychological Therapies",
        new DateTimeOffset(2026, 11, 22, 14, 30, 0, TimeSpan.FromHours(1)), new Uri("http://127.0.0.1:5080/api/referrals/R-1042"));

    public static TheoryData<NotificationKind, Pathway> EveryTemplate()
    {
        var data = new TheoryData<NotificationKind, Pathway>();
        foreach (var kind in Enum.GetValues<NotificationKind>())
            foreach (var pathway in Enum.GetValues<Pathway>())
                data.Add(kind, pathway);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryTemplate))]
    public void Every_template_renders_in_both_parts_without_leftover_placeholders(NotificationKind kind, Pathway pathway)
    {
        var facts = Full with { Pathway = pathway, Modality = pathway == Pathway.Alternative ? Modality.Cbt : null };

        var email = Templates.Render(kind, facts, "en");

        email.Subject.Should().NotBeNullOrWhiteSpace().And.NotContain("{");
        email.Text.Should().Contain("R-1042").And.NotContain("{").And.NotContain("<");
        email.Html.Should().StartWith("<!DOCTYPE html>").And.Contain("R-1042").And.NotContain("{");
    }

    [Fact]
    public void Clients_read_their_own_language_and_staff_read_english()
    {
        var client = Templates.Render(NotificationKind.ClientNextSteps, Full, "es-MX");
        var clinic = Templates.Render(NotificationKind.ClinicCaseOffered, Full, "es-MX");

        client.Language.Should().Be("es");
        client.Subject.Should().Be("Sus próximos pasos: Psicoterapia Interpersonal");
        client.Text.Should().Contain("12 a 16 sesiones semanales").And.Contain("Northbridge Psychological Therapies");
        clinic.Language.Should().Be("en");
        clinic.Subject.Should().Be("New urgent referral R-1042: Interpersonal Psychotherapy (IPT)");
    }

    [Fact]
    public void A_closed_case_is_told_to_the_client_in_their_language_and_to_the_clinic_in_english_without_saying_why()
    {
        var client = Templates.Render(NotificationKind.ClientCaseClosed, Full, "es");
        var referrer = Templates.Render(NotificationKind.ReferrerCaseClosed, Full, "es");
        var clinic = Templates.Render(NotificationKind.ClinicCaseWithdrawn, Full, "es");

        (client.Language, referrer.Language, clinic.Language).Should().Be(("es", "en", "en"));
        client.Text.Should().Contain("R-1042").And.Contain("cerrado");
        clinic.Subject.Should().Be("Referral R-1042 withdrawn from Northbridge Psychological Therapies");
        clinic.Text.Should().Contain("Interpersonal Psychotherapy (IPT)").And.Contain("http://127.0.0.1:5080/api/referrals/R-1042");
        foreach (var reason in new[] { "withdrawn by the client", "duplicate", "moved", "elsewhere", "other" })
            (client.Text + referrer.Text).Should().NotContainEquivalentOf(reason, "a close's reason is for the audit trail, not the email");
    }

    [Fact]
    public void A_language_without_templates_falls_back_to_english()
    {
        Templates.Render(NotificationKind.ClientReceived, Full, "pl").Language.Should().Be("en");
    }

    [Fact]
    public void The_clinic_notice_carries_the_id_service_urgency_deadline_and_link()
    {
        var email = Templates.Render(NotificationKind.ClinicCaseOffered, Full with { Pathway = Pathway.IptWithMedication }, "en");

        email.Text.Should().Be(
            "A referral has been routed to your clinic: R-1042.\n\n" +
            "Service: Interpersonal Psychotherapy (IPT) with a medication review. Urgency: urgent.\n\n" +
            "Please accept or decline it by 2026-11-22 13:30 UTC: http://127.0.0.1:5080/api/referrals/R-1042");
    }

    [Fact]
    public void Alternative_next_steps_name_the_service_in_plain_words_not_a_code()
    {
        var email = Templates.Render(NotificationKind.ClientNextSteps, Full with { Pathway = Pathway.Alternative, Modality = Modality.PersonalityDisorderService }, "en");

        email.Text.Should().Contain("a specialist psychological therapies service").And.NotContainAny("personality", "disorder");
    }

    [Fact]
    public void Html_escapes_every_value_and_links_the_link()
    {
        var email = Templates.Render(NotificationKind.ClientNextSteps, Full with { ClinicName = "<b>A & B</b>" }, "en");

        email.Html.Should().Contain("&lt;b&gt;A &amp; B&lt;/b&gt;").And.NotContain("<b>");
        Templates.Render(NotificationKind.CoordinatorReviewRequested, Full, "en").Html
            .Should().Contain("<a href=\"http://127.0.0.1:5080/api/referrals/R-1042\">");
    }

    [Fact]
    public void A_missing_fact_is_a_clear_error_naming_the_template_and_placeholder()
    {
        var render = () => Templates.Render(NotificationKind.ClientNextSteps, Full with { ClinicName = null }, "en");

        render.Should().Throw<InvalidOperationException>().WithMessage("Template 'client-next-steps/ipt' needs {clinicName}*");
    }

    [Fact]
    public void Facts_hold_nothing_that_could_identify_or_diagnose_a_client()
    {
        // Minimum necessary is enforced by what a template can be given: adding a field here must be a deliberate act.
        typeof(NotificationFacts).GetProperties().Select(p => p.Name)
            .Should().BeEquivalentTo("ReferralId", "Urgency", "Pathway", "Modality", "ClinicName", "DueAt", "Link");
    }
}
