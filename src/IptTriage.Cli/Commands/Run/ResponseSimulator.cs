using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using Microsoft.DurableTask.Client;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;

namespace IptTriage.Cli.Commands.Run;

/// <summary>Plays the people the workflow waits on, deterministically, through the same calls the HTTP API makes: an
/// audit entry in the person's name, then the orchestration's event. It answers only a referral that is waiting for
/// that person, once per situation, after a person's delay on the (accelerated) clock:
/// a coordinator acknowledges an emergency after <see cref="CrisisAcknowledgementDelay"/>; coordinators approve every
/// review after <see cref="ReviewDelay"/>; clinics accept after <see cref="ClinicResponseDelay"/>, except that the
/// first offer of every <see cref="DeclineEvery"/>th referral (counting valid referrals in the order they were taken in,
/// which for a directory is file-name order) is declined; clinics discharge a placed case (care completed) after
/// <see cref="CareDuration"/>, which frees its slot for the unplaced cases that match the clinic; an unplaced case that
/// no clinic in the directory matches (or only clinics that declined it) is offered by hand after
/// <see cref="ManualPlacementDelay"/> to the first clinic offering its service to someone of the client's age, beyond
/// its capacity (the coordinator arranged it), and one that some other clinic matches waits for a slot there to free,
/// until no slot can free any more (<see cref="SlotsMayFree"/>): then it too is offered by hand.</summary>
public sealed class ResponseSimulator(DurableTaskClient client, IRecordStore records, ClinicDirectory clinics, TimeProvider clock)
{
    /// <summary>The simulated coordinator, as the audit trail names a signed-in person.</summary>
    public static readonly string Coordinator = Actors.User("sim-coordinator");
    public const int DeclineEvery = 4;

    // After the first 15-minute escalation, so one shows; after the urgent review reminder (2 h); well inside every
    // clinic deadline (24 h or more).
    public static readonly TimeSpan CrisisAcknowledgementDelay = TimeSpan.FromMinutes(20);
    public static readonly TimeSpan ReviewDelay = TimeSpan.FromHours(3);
    public static readonly TimeSpan ClinicResponseDelay = TimeSpan.FromHours(2);
    public static readonly TimeSpan ManualPlacementDelay = TimeSpan.FromHours(1);

    /// <summary>A course of IPT: 12 weekly sessions.</summary>
    public static readonly TimeSpan CareDuration = TimeSpan.FromDays(7 * 12);

    private readonly HashSet<string> declinesFirstOffer = new(StringComparer.Ordinal);
    private int referralsTakenIn;
    private readonly Dictionary<string, (string? Region, string Language, int Age)> clientsTakenIn = new(StringComparer.Ordinal);

    private readonly HashSet<string> answered = new(StringComparer.Ordinal);
    private readonly HashSet<string> offersAnswered = new(StringComparer.Ordinal);
    private readonly HashSet<(string ReferralId, string ClinicId)> declined = [];

    public static string Rules =>
        $"a coordinator acknowledges emergencies after {CrisisAcknowledgementDelay.TotalMinutes:0} min; coordinators approve reviews "
        + $"after {ReviewDelay.TotalHours:0} h; clinics accept after {ClinicResponseDelay.TotalHours:0} h, but decline the first offer "
        + $"of every {DeclineEvery}th referral taken in, and discharge a placed case after {CareDuration.TotalDays / 7:0} weeks, "
        + $"which frees its slot for the unplaced cases that match; an unplaced case no clinic (that has not declined it) matches, "
        + $"or any once no other case is left to free a slot, is offered by hand after {ManualPlacementDelay.TotalHours:0} h";

    /// <summary>Whether a slot may still free or be taken: some referral is neither unplaced nor finished (in care, on
    /// offer, on its way). Once none is, an unplaced case waiting for a matching clinic's slot would wait for ever
    /// (a slot frees only when a case ends care, and goes to one waiting case), so the coordinator places it by hand.
    /// The run sets it from each poll of every referral.</summary>
    public bool SlotsMayFree { get; set; } = true;

    /// <summary>Counts a valid referral taken in, for the every-<see cref="DeclineEvery"/>th rule, and notes the client's
    /// region, language and age on the day it was received, so the simulated coordinator knows which clinics match.</summary>
    public async Task TakenInAsync(string referralId, CancellationToken cancellationToken)
    {
        if (++referralsTakenIn % DeclineEvery == 0) declinesFirstOffer.Add(referralId);
        if (IntakeParser.Parse(await records.ReadFormAsync(referralId, cancellationToken)).Form is { } form)
            clientsTakenIn[referralId] = (form.Client.Region, form.Client.PreferredLanguage, Age.YearsOn(form.Client.DateOfBirth, form.ReceivedOn));
    }

    /// <summary>When the next simulated discharge of these referrals is due, if any is placed.</summary>
    public static DateTimeOffset? NextDischargeDue(IEnumerable<ReferralRecord> referrals) =>
        referrals.Where(referral => referral.Status == ReferralStatus.Placed).Select(referral => referral.UpdatedAt + CareDuration)
            .Order().Cast<DateTimeOffset?>().FirstOrDefault();

    /// <summary>Whether the simulator plays the person this referral waits on; if not, it waits for a real one.</summary>
    public bool PlaysWhoItWaitsOn(ReferralRecord referral) => Answer(referral) is not null;

    /// <summary>Answers the referral if it waits on a person whose delay has passed.</summary>
    public async Task AnswerIfDueAsync(ReferralRecord referral, CancellationToken cancellationToken)
    {
        if (Answer(referral) is not { } answer || clock.GetUtcNow() < referral.UpdatedAt + answer.Delay) return;
        if (!answered.Add(Situation(referral))) return;

        await records.AppendAuditAsync(new AuditEntry(referral.ReferralId, clock.GetUtcNow(), answer.Step, answer.Actor, [],
            $"{answer.Detail} (simulated by iptriage run --simulate-responses)"), cancellationToken);
        await client.RaiseEventAsync(referral.ReferralId, answer.EventName, answer.Payload, cancellationToken);
        if (referral.Status == ReferralStatus.AwaitingClinic) offersAnswered.Add(referral.ReferralId);
        if (answer.Payload is ClinicResponse { Accept: false } decline) declined.Add((referral.ReferralId, decline.ClinicId));
    }

    private sealed record Response(TimeSpan Delay, AuditStep Step, string Actor, string Detail, string EventName, object Payload);

    private Response? Answer(ReferralRecord referral) => referral switch
    {
        { Status: ReferralStatus.Emergency } => new Response(CrisisAcknowledgementDelay, AuditStep.CrisisAckSubmitted,
            Coordinator, "crisis acknowledged", WorkflowEvents.CrisisAcknowledged, new CrisisAcknowledgement(Coordinator)),
        { Status: ReferralStatus.AwaitingReview } => new Response(ReviewDelay, AuditStep.ReviewSubmitted,
            Coordinator, "review: approve", WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, Coordinator)),
        { Status: ReferralStatus.AwaitingClinic, ClinicId: { } clinicId } => ClinicAnswer(referral.ReferralId, clinicId),
        { Status: ReferralStatus.Placed, ClinicId: { } clinicId } => new Response(CareDuration, AuditStep.DischargeSubmitted, ClinicStaff(clinicId),
            "discharge: completed", WorkflowEvents.CareEnded, new CareEnd(DischargeReason.Completed, ClinicStaff(clinicId))),
        { Status: ReferralStatus.Unplaced, Routing: { } routing } when !SlotsMayFree || !AnyClinicWouldBeOffered(referral.ReferralId, routing) =>
            clinics.Clinics.FirstOrDefault(clinic => ClinicMatcher.OffersService(clinic, routing.Pathway, routing.Modality)
                && (!clientsTakenIn.TryGetValue(referral.ReferralId, out var client) || ClinicMatcher.ServesAge(clinic, client.Age))) is { } clinic
                ? new Response(ManualPlacementDelay, AuditStep.PlacementSubmitted, Coordinator, $"manual placement with clinic {clinic.Id}",
                    WorkflowEvents.ManualPlacement, new ManualPlacementRequest(clinic.Id, Coordinator, OverCapacityAllowed: true))
                : null,
        _ => null,
    };

    // A case a clinic matches (and has not declined) is offered that clinic's next free slot by the workflow itself.
    private bool AnyClinicWouldBeOffered(string referralId, Routing routing) =>
        clientsTakenIn.TryGetValue(referralId, out var client)
        && clinics.Clinics.Any(clinic => !declined.Contains((referralId, clinic.Id)) && ClinicMatcher.Matches(clinic,
            new PlacementNeed(routing.Pathway, routing.Modality, routing.Adaptations, client.Region, client.Language, client.Age)));

    private Response ClinicAnswer(string referralId, string clinicId)
    {
        var accept = offersAnswered.Contains(referralId) || !declinesFirstOffer.Contains(referralId);
        return new Response(ClinicResponseDelay, AuditStep.ClinicResponseSubmitted, ClinicStaff(clinicId),
            $"clinic response: {(accept ? "accept" : "decline")}", WorkflowEvents.ClinicResponded, new ClinicResponse(clinicId, accept, ClinicStaff(clinicId)));
    }

    private static string ClinicStaff(string clinicId) => Actors.User($"sim-{clinicId}");

    // A person answers each situation once: a status, at a clinic, entered at a time.
    private static string Situation(ReferralRecord referral) =>
        $"{referral.ReferralId}|{referral.Status}|{referral.ClinicId}|{referral.UpdatedAt.UtcTicks}";
}
