using IptTriage.Triage.Intake;

namespace IptTriage.Triage.Tests.Decisions;

/// <summary>The four worked examples of the specification (shared/examples), copied in as records.</summary>
internal static class SpecExamples
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 11, 2, 10, 15, 0, TimeSpan.Zero);
    private static readonly Referrer Referrer = new(ReferrerKind.Gp, "Dr Amara Lind", "Riverside Practice", "referrals@riverside.example");
    private static readonly Consent FullConsent = new(ContactByEmail: true, ShareWithClinic: true);
    private static readonly int[] Gad7 = [1, 1, 2, 1, 0, 1, 1];
    private static readonly int[] AuditC = [1, 0, 0];
    private static readonly Cssrs AllNo = new(false, false, false, false, false, false, false);

    public static IntakeForm IptGrief { get; } = new(
        "1.0", "EX-0001", ReceivedAt, Referrer,
        new Client("Maria", "Santos", new DateOnly(1979, 8, 21), Sex.Female, "maria.santos@example.org", null, "es", "north", FullConsent),
        new Presentation("Low mood and withdrawal since her husband died eight months ago.", [ProblemArea.Grief], 7, 0, false,
            TreatmentPreference.Therapy, EatingDisorder.None),
        new Instruments([2, 2, 2, 1, 2, 1, 1, 1, 0], Gad7, AllNo, null, null, null, null, AuditC),
        new ClinicianObservations());

    public static IntakeForm IptWithMedication { get; } = new(
        "1.0", "EX-0002", ReceivedAt, Referrer,
        new Client("Tom", "Becker", new DateOnly(1968, 2, 10), Sex.Male, "tom.b@example.net", null, "en", "south", FullConsent),
        new Presentation("Recurrent depression, worse since redundancy; conflict with adult son.",
            [ProblemArea.RoleTransition, ProblemArea.RoleDispute], 30, 2, false, TreatmentPreference.NoPreference, EatingDisorder.None),
        new Instruments([3, 3, 2, 3, 2, 3, 2, 2, 0], Gad7, AllNo, null, null, null, null, AuditC),
        new ClinicianObservations());

    public static IntakeForm AcuteRisk { get; } = new(
        "1.0", "EX-0003", ReceivedAt, Referrer,
        new Client("Leah", "Park", new DateOnly(2001, 5, 30), Sex.Female, null, null, "en", "north", FullConsent),
        new Presentation("Breakup two weeks ago; says she has a plan.", [ProblemArea.RoleDispute], 1, 0, false,
            TreatmentPreference.Therapy, EatingDisorder.None),
        new Instruments([3, 3, 2, 2, 1, 3, 2, 1, 3], Gad7, new Cssrs(true, true, true, true, true, false, false), null, null, null, null, AuditC),
        new ClinicianObservations());

    public static IntakeForm NeedsReview { get; } = new(
        "1.0", "EX-0004", ReceivedAt, Referrer,
        new Client("Sam", "Idris", new DateOnly(1995, 12, 1), Sex.Undisclosed, "sam.idris@example.com", null, "en", "east", FullConsent),
        new Presentation("Persistent low mood; no clear relationship trigger.", [], 5, 0, false, TreatmentPreference.Therapy, EatingDisorder.None),
        new Instruments([2, 1, 1, 1, 1, 1, 1, 1, 1], Gad7, null, null, null, null, null, AuditC),
        new ClinicianObservations());
}
