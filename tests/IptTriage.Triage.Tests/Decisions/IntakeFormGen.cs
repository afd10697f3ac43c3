using FsCheck;
using FsCheck.Fluent;
using IptTriage.Triage.Intake;

namespace IptTriage.Triage.Tests.Decisions;

/// <summary>Valid intake forms over every field. Clinician observations and C-SSRS answers are mostly "no" and
/// instruments often absent, so that routed, review and every exclusion each come up often.</summary>
internal static class IntakeFormGen
{
    private static Gen<bool> Rarely { get; } = Gen.Frequency((5, Gen.Constant(false)), (1, Gen.Constant(true)));

    private static Gen<bool> Coin { get; } = Gen.Elements(false, true);

    private static Gen<int[]> Items(int count, int max) => Gen.Choose(0, max).ArrayOf(count);

    private static Gen<bool[]> Answers(int count) => Coin.ArrayOf(count);

    private static Gen<T?> Sometimes<T>(Gen<T> present) where T : class =>
        Gen.Frequency((1, Gen.Constant<T?>(null)), (2, present.Select(value => (T?)value)));

    private static Gen<T> OneOf<T>() where T : struct, Enum => Gen.Elements(Enum.GetValues<T>());

    private static Gen<DateTimeOffset> ReceivedAt { get; } =
        from day in Gen.Choose(0, 365 * 8)
        from minute in Gen.Choose(0, 24 * 60 - 1)
        from offsetQuarters in Gen.Choose(-12 * 4, 14 * 4)
        select new DateTimeOffset(new DateTime(2024, 1, 1).AddDays(day).AddMinutes(minute), TimeSpan.FromMinutes(15 * offsetQuarters));

    private static Gen<Cssrs> Cssrs { get; } =
        from answers in Rarely.ArrayOf(7)
        select new Cssrs(answers[0], answers[1], answers[2], answers[3], answers[4], answers[5], answers[6]);

    private static Gen<Instruments> Instruments { get; } =
        from phq9 in Items(9, 3)
        from gad7 in Sometimes(Items(7, 3))
        from cssrs in Sometimes(Cssrs)
        from pqb in Sometimes(Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 5))).ArrayOf(21))
        from mdq in Sometimes(
            from symptoms in Answers(13)
            from sameTime in Coin
            from impairment in OneOf<MdqImpairment>()
            select new Mdq(symptoms, sameTime, impairment))
        from msiBpd in Sometimes(Answers(10))
        from pcPtsd5 in Sometimes(from exposure in Coin from items in Answers(5) select new PcPtsd5(exposure, items))
        from auditC in Sometimes(Items(3, 4))
        select new Instruments(phq9, gad7, cssrs, pqb, mdq, msiBpd, pcPtsd5, auditC);

    private static Gen<ClinicianObservations> Clinician { get; } =
        from flags in Rarely.ArrayOf(8)
        from disorder in Gen.Frequency((6, Gen.Constant(PersonalityDisorder.None)), (1, OneOf<PersonalityDisorder>()))
        select new ClinicianObservations(flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], flags[6], flags[7], disorder);

    private static Gen<Presentation> Presentation { get; } =
        from areas in Gen.Frequency((1, Gen.Constant(new List<ProblemArea>())), (3, Gen.SubListOf(Enum.GetValues<ProblemArea>())))
        from months in Gen.Frequency((4, Gen.Choose(0, 36)), (1, Gen.Choose(0, 600)))
        from previous in Gen.Choose(0, 5)
        from perinatal in Rarely
        from preference in OneOf<TreatmentPreference>()
        from eating in Gen.Frequency((4, Gen.Constant(EatingDisorder.None)), (1, OneOf<EatingDisorder>()))
        select new Presentation("summary", [.. areas], months, previous, perinatal, preference, eating);

    private static Gen<IntakeForm> Forms { get; } =
        from receivedAt in ReceivedAt
        from ageDays in Gen.Choose(8 * 365, 95 * 365)
        from sex in OneOf<Sex>()
        from hasEmail in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from consent in from byEmail in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
                        from share in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
                        select new Consent(byEmail, share)
        from presentation in Presentation
        from instruments in Instruments
        from clinician in Clinician
        select new IntakeForm("1.0", "P-1", receivedAt, new Referrer(ReferrerKind.Gp, null, null, null),
            new Client("Given", "Family", DateOnly.FromDateTime(receivedAt.DateTime).AddDays(-ageDays), sex,
                hasEmail ? "client@example.org" : null, null, "en", null, consent),
            presentation, instruments, clinician);

    public static Arbitrary<IntakeForm> Arbitrary { get; } = Forms.ToArbitrary();
}
