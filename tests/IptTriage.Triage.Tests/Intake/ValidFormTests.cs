using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

public sealed class ValidFormTests
{
    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_form_is_valid(string name)
    {
        var result = IntakeParser.Parse(SampleForms.Bytes(name));

        result.Errors.Should().BeEmpty();
        result.IsValid.Should().BeTrue();
        result.ReferralId.Should().Be(result.Form!.ReferralId);
    }

    public static TheoryData<string> Samples() => new(SampleForms.All);

    [Fact]
    public void The_grief_example_parses_into_its_values()
    {
        var form = IntakeParser.Parse(SampleForms.Bytes(SampleForms.IptGrief)).Form!;

        form.SchemaVersion.Should().Be("1.0");
        form.ReferralId.Should().Be("EX-0001");
        form.ReceivedAt.Should().Be(new DateTimeOffset(2026, 11, 2, 10, 15, 0, TimeSpan.Zero));
        form.Referrer.Should().Be(new Referrer(ReferrerKind.Gp, "Dr Amara Lind", "Riverside Practice", "referrals@riverside.example"));
        form.Client.Should().BeEquivalentTo(new Client(
            "Maria", "Santos", new DateOnly(1979, 8, 21), Sex.Female, "maria.santos@example.org", null, "es", "north",
            new Consent(true, true)));
        form.Presentation.Summary.Should().Be("Low mood and withdrawal since her husband died eight months ago.");
        form.Presentation.ProblemAreas.Should().Equal(ProblemArea.Grief);
        form.Presentation.EpisodeDurationMonths.Should().Be(7);
        form.Presentation.TreatmentPreference.Should().Be(TreatmentPreference.Therapy);
        form.Instruments.Phq9.Should().Equal(2, 2, 2, 1, 2, 1, 1, 1, 0);
        form.Instruments.Gad7.Should().Equal(1, 1, 2, 1, 0, 1, 1);
        form.Instruments.Cssrs.Should().Be(new Cssrs(false, false, false, false, false, false, false));
        form.Instruments.AuditC.Should().Equal(1, 0, 0);
        form.Instruments.Pqb.Should().BeNull();
        form.Instruments.Mdq.Should().BeNull();
        form.Instruments.MsiBpd.Should().BeNull();
        form.Instruments.PcPtsd5.Should().BeNull();
    }

    [Fact]
    public void The_other_spec_examples_parse_into_their_distinguishing_values()
    {
        var medication = IntakeParser.Parse(SampleForms.Bytes("ipt-with-medication.json")).Form!;
        medication.Presentation.ProblemAreas.Should().Equal(ProblemArea.RoleTransition, ProblemArea.RoleDispute);
        medication.Presentation.PreviousEpisodes.Should().Be(2);
        medication.Presentation.TreatmentPreference.Should().Be(TreatmentPreference.NoPreference);
        medication.Client.Sex.Should().Be(Sex.Male);

        var acute = IntakeParser.Parse(SampleForms.Bytes("acute-risk.json")).Form!;
        acute.Instruments.Cssrs.Should().Be(new Cssrs(true, true, true, true, true, false, false));
        acute.Client.Email.Should().BeNull();

        var review = IntakeParser.Parse(SampleForms.Bytes("needs-review.json")).Form!;
        review.Presentation.ProblemAreas.Should().BeEmpty();
        review.Instruments.Cssrs.Should().BeNull();
        review.Client.Sex.Should().Be(Sex.Undisclosed);
    }

    [Fact]
    public void Every_field_present_parses_into_its_values_with_the_offset_kept_as_written()
    {
        var form = IntakeParser.Parse(SampleForms.Bytes(SampleForms.AllFields)).Form!;

        form.ReceivedAt.Offset.Should().Be(TimeSpan.FromHours(2));
        form.ReceivedAt.Should().Be(new DateTimeOffset(2026, 11, 2, 23, 30, 0, 125, TimeSpan.FromHours(2)));
        form.Client.PreferredLanguage.Should().Be("zh-Hant-TW");
        form.Client.Phone.Should().Be("+44 20 7946 0000");
        form.Presentation.Should().BeEquivalentTo(new Presentation(
            "Synthetic test form with every field present.",
            [ProblemArea.Grief, ProblemArea.RoleDispute, ProblemArea.RoleTransition, ProblemArea.InterpersonalDeficits],
            600, 3, true, TreatmentPreference.Combined, EatingDisorder.BingeEating));
        form.Instruments.Pqb.Should().Equal(0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5);
        form.Instruments.Mdq!.Symptoms.Should().Equal(true, false, true, false, true, false, true, false, true, false, true, false, true);
        form.Instruments.Mdq.SameTimePeriod.Should().BeTrue();
        form.Instruments.Mdq.Impairment.Should().Be(MdqImpairment.Moderate);
        form.Instruments.MsiBpd.Should().Equal(true, false, false, false, false, false, false, false, false, true);
        form.Instruments.PcPtsd5!.TraumaExposure.Should().BeTrue();
        form.Instruments.PcPtsd5.Items.Should().Equal(true, true, false, false, true);
        form.Instruments.AuditC.Should().Equal(4, 0, 2);
        form.Clinician.Should().Be(new ClinicianObservations(
            CurrentCrisis: false, PsychoticSymptoms: true, CurrentMania: false, BipolarHistory: true, TraumaFlashbacks: false,
            SevereSocialIsolation: true, PredominantCognitiveDistortions: false, TreatmentResistant: true,
            PersonalityDisorder: PersonalityDisorder.Avoidant));
    }

    [Fact]
    public void Absent_optional_fields_get_the_contract_defaults()
    {
        var form = IntakeParser.Parse(SampleForms.Bytes(SampleForms.Minimal)).Form!;

        form.ReceivedAt.Offset.Should().Be(TimeSpan.FromHours(-5));
        form.Referrer.Should().Be(new Referrer(ReferrerKind.Self, null, null, null));
        form.Client.PreferredLanguage.Should().Be("en");
        form.Client.Email.Should().BeNull();
        form.Client.Phone.Should().BeNull();
        form.Client.Region.Should().BeNull();
        form.Presentation.Summary.Should().BeNull();
        form.Presentation.PreviousEpisodes.Should().Be(0);
        form.Presentation.Perinatal.Should().BeFalse();
        form.Presentation.TreatmentPreference.Should().Be(TreatmentPreference.NoPreference);
        form.Presentation.EatingDisorder.Should().Be(EatingDisorder.None);
        form.Instruments.Gad7.Should().BeNull();
        form.Instruments.Cssrs.Should().BeNull();
        form.Instruments.AuditC.Should().BeNull();
        form.Clinician.Should().Be(new ClinicianObservations());
        form.Clinician.PersonalityDisorder.Should().Be(PersonalityDisorder.None);
        form.Clinician.CurrentCrisis.Should().BeFalse();
    }

    [Fact]
    public void An_empty_clinician_object_also_gets_the_defaults()
    {
        var form = IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "clinician", new System.Text.Json.Nodes.JsonObject())).Form!;

        form.Clinician.Should().Be(new ClinicianObservations());
    }

    [Fact]
    public void Escaped_strings_are_read_unescaped_including_codes_and_dates()
    {
        var json = System.Text.Encoding.UTF8.GetString(SampleForms.Bytes(SampleForms.Minimal))
            .Replace("\"self\"", "\"s\\u0065lf\"", StringComparison.Ordinal)
            .Replace("\"Robin\"", "\"R\\u00f6bin \\ud83d\\ude00\"", StringComparison.Ordinal)
            .Replace("\"2000-01-05\"", "\"2000\\u002d01-05\"", StringComparison.Ordinal)
            .Replace("\"schemaVersion\"", "\"schema\\u0056ersion\"", StringComparison.Ordinal);

        var form = IntakeParser.Parse(System.Text.Encoding.UTF8.GetBytes(json)).Form!;

        form.Referrer.Kind.Should().Be(ReferrerKind.Self);
        form.Client.GivenName.Should().Be("Röbin 😀");
        form.Client.DateOfBirth.Should().Be(new DateOnly(2000, 1, 5));
    }

    [Fact]
    public void A_leading_byte_order_mark_is_accepted()
    {
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. SampleForms.Bytes(SampleForms.Minimal)];

        IntakeParser.Parse(withBom).IsValid.Should().BeTrue();
    }

    [Fact]
    public void A_form_of_exactly_256_KiB_is_parsed()
    {
        var form = SampleForms.Bytes(SampleForms.Minimal);
        var padded = new byte[IntakeParser.MaxFormBytes];
        form.CopyTo(padded, 0);
        padded.AsSpan(form.Length).Fill((byte)' ');

        IntakeParser.Parse(padded).IsValid.Should().BeTrue();
    }
}
