using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Triage.Tests;

/// <summary>Validated forms built directly as records. <see cref="Baseline"/> decides <c>routed</c>, <c>ipt</c>,
/// routine, with no exclusion, flag or adaptation; each test changes only what it is about.</summary>
internal static class TestForms
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 2, 10, 15, 0, TimeSpan.Zero);

    public static readonly TriagePolicy DefaultPolicy = PolicyFile.LoadDefault();

    public static IntakeForm Baseline { get; } = new(
        SchemaVersion: "1.0",
        ReferralId: "T-0001",
        ReceivedAt: ReceivedAt,
        new Referrer(ReferrerKind.Gp, "Dr Test", "Test Practice", "referrals@practice.example"),
        new Client("Alex", "Doe", new DateOnly(1986, 3, 14), Sex.Female, "alex@example.org", null, "en", "north",
            new Consent(ContactByEmail: true, ShareWithClinic: true)),
        new Presentation("Low mood since a bereavement.", [ProblemArea.Grief], EpisodeDurationMonths: 6, PreviousEpisodes: 0,
            Perinatal: false, TreatmentPreference.NoPreference, EatingDisorder.None),
        new Instruments(Phq9WithTotal(12), null, null, null, null, null, null, null),
        new ClinicianObservations());

    public static TriageDecision Decide(this IntakeForm form, TriagePolicy? policy = null) =>
        Screening.Decide(form, policy ?? DefaultPolicy);

    /// <summary>"review ipt urgent | RT-IPT RV-RISK | risk-assessment-needed": outcome, pathway (and modality), urgency,
    /// the rules that fired in reason order, and the flags; one readable line for a whole decision's routing.</summary>
    public static string Summary(this TriageDecision decision)
    {
        var pathway = decision.Pathway is { } p ? WireCode.Of(p) : "null";
        var modality = decision.Modality is { } m ? "/" + WireCode.Of(m) : "";
        return $"{WireCode.Of(decision.Outcome)} {pathway}{modality} {WireCode.Of(decision.Urgency)}"
            + $" | {string.Join(" ", decision.Reasons.Select(r => r.Rule))} | {string.Join(" ", decision.Flags)}".TrimEnd();
    }

    public static IntakeForm WithClient(this IntakeForm form, Func<Client, Client> change) => form with { Client = change(form.Client) };

    public static IntakeForm WithPresentation(this IntakeForm form, Func<Presentation, Presentation> change) =>
        form with { Presentation = change(form.Presentation) };

    public static IntakeForm WithInstruments(this IntakeForm form, Func<Instruments, Instruments> change) =>
        form with { Instruments = change(form.Instruments) };

    public static IntakeForm WithClinician(this IntakeForm form, Func<ClinicianObservations, ClinicianObservations> change) =>
        form with { Clinician = change(form.Clinician) };

    public static IntakeForm WithPhq9(this IntakeForm form, int total, int? item9 = null) =>
        form.WithInstruments(i => i with { Phq9 = Phq9WithTotal(total, item9) });

    public static IntakeForm WithConsent(this IntakeForm form, bool contactByEmail = true, bool shareWithClinic = true) =>
        form.WithClient(c => c with { Consent = new Consent(contactByEmail, shareWithClinic) });

    /// <summary>The client's date of birth set so that on <paramref name="on"/> they are <paramref name="years"/> old
    /// (birthday on that very day), received at <paramref name="on"/>.</summary>
    public static IntakeForm AgedOnBirthday(this IntakeForm form, int years, DateTimeOffset? on = null)
    {
        var received = on ?? ReceivedAt;
        var today = DateOnly.FromDateTime(received.DateTime);
        return form.WithClient(c => c with { DateOfBirth = today.AddYears(-years) }) with { ReceivedAt = received };
    }

    /// <summary>Nine PHQ-9 items (each 0–3) with the given total; item 9 as given, else filled last.</summary>
    public static int[] Phq9WithTotal(int total, int? item9 = null) =>
        ItemsWithTotal(9, 3, total, item9 is { } fixedItem9 ? (8, fixedItem9) : null);

    /// <summary><paramref name="count"/> items from 0 to <paramref name="itemMax"/> summing to <paramref name="total"/>,
    /// filled from the first, with an optional fixed item.</summary>
    public static int[] ItemsWithTotal(int count, int itemMax, int total, (int Index, int Value)? fixedItem = null)
    {
        var items = new int[count];
        var remaining = total;
        if (fixedItem is { } f)
        {
            items[f.Index] = f.Value;
            remaining -= f.Value;
        }
        for (var i = 0; i < count && remaining > 0; i++)
        {
            if (fixedItem?.Index == i) continue;
            items[i] = Math.Min(itemMax, remaining);
            remaining -= items[i];
        }
        if (remaining != 0) throw new ArgumentOutOfRangeException(nameof(total), total, "not reachable with these items");
        return items;
    }

    public static bool[] Yes(int count, int of) => [.. Enumerable.Range(0, of).Select(i => i < count)];

    public static Cssrs NoCssrs { get; } = new(false, false, false, false, false, false, false);
}
