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
/// which for a directory is file-name order) is declined; an unplaced case is
/// placed by hand after <see cref="ManualPlacementDelay"/> with the first clinic in the directory offering its
/// service to someone of the client's age.</summary>
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

    private readonly HashSet<string> declinesFirstOffer = new(StringComparer.Ordinal);
    private int referralsTakenIn;
    private readonly Dictionary<string, int> agesTakenIn = new(StringComparer.Ordinal);

    private readonly HashSet<string> answered = new(StringComparer.Ordinal);
    private readonly HashSet<string> offersAnswered = new(StringComparer.Ordinal);

    public static string Rules =>
        $"a coordinator acknowledges emergencies after {CrisisAcknowledgementDelay.TotalMinutes:0} min; coordinators approve reviews "
        + $"after {ReviewDelay.TotalHours:0} h; clinics accept after {ClinicResponseDelay.TotalHours:0} h, but decline the first offer "
        + $"of every {DeclineEvery}th referral taken in; unplaced cases are placed by hand after {ManualPlacementDelay.TotalHours:0} h";

    /// <summary>Counts a valid referral taken in, for the every-<see cref="DeclineEvery"/>th rule, and notes the client's
    /// age on the day it was received, so a hand placement respects the clinics' age ranges.</summary>
    public async Task TakenInAsync(string referralId, CancellationToken cancellationToken)
    {
        if (++referralsTakenIn % DeclineEvery == 0) declinesFirstOffer.Add(referralId);
        if (IntakeParser.Parse(await records.ReadFormAsync(referralId, cancellationToken)).Form is { } form)
            agesTakenIn[referralId] = Age.YearsOn(form.Client.DateOfBirth, form.ReceivedOn);
    }

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
    }

    private sealed record Response(TimeSpan Delay, AuditStep Step, string Actor, string Detail, string EventName, object Payload);

    private Response? Answer(ReferralRecord referral) => referral switch
    {
        { Status: ReferralStatus.Emergency } => new Response(CrisisAcknowledgementDelay, AuditStep.CrisisAckSubmitted,
            Coordinator, "crisis acknowledged", WorkflowEvents.CrisisAcknowledged, new CrisisAcknowledgement(Coordinator)),
        { Status: ReferralStatus.AwaitingReview } => new Response(ReviewDelay, AuditStep.ReviewSubmitted,
            Coordinator, "review: approve", WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, Coordinator)),
        { Status: ReferralStatus.AwaitingClinic, ClinicId: { } clinicId } => ClinicAnswer(referral.ReferralId, clinicId),
        { Status: ReferralStatus.Unplaced, Routing: { } routing } =>
            clinics.Clinics.FirstOrDefault(clinic => ClinicMatcher.OffersService(clinic, routing.Pathway, routing.Modality)
                && (!agesTakenIn.TryGetValue(referral.ReferralId, out var age) || ClinicMatcher.ServesAge(clinic, age))) is { } clinic
                ? new Response(ManualPlacementDelay, AuditStep.PlacementSubmitted, Coordinator,
                    $"manual placement with clinic {clinic.Id}", WorkflowEvents.ManualPlacement, new ManualPlacementRequest(clinic.Id, Coordinator))
                : null,
        _ => null,
    };

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
