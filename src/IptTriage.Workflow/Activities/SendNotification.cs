using IptTriage.Email;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Activities;

/// <summary>Sends one notice: finds who may receive it, renders it from facts that carry no personal data, sends it
/// once (the notification log holds its key), and audits it with the address hashed. How it went and its audit entry
/// are written together (<see cref="INotificationLog.CompleteNotificationAsync"/>), so every email sent has exactly
/// one audit entry whatever crashes in between: a crash before that write sends again (at least once), one after it
/// finds the notice completed and its entry there.</summary>
public sealed class SendNotification(
    IRecordStore records,
    ClinicDirectory clinics,
    NotificationTemplates templates,
    IEmailSender email,
    RecipientHasher hasher,
    WorkflowOptions options,
    TimeProvider time)
{
    public const string Name = nameof(SendNotification);

    public async Task<NotificationOutcome> RunAsync(NotificationRequest request, CancellationToken cancellationToken = default)
    {
        var referral = await records.FindAsync(request.ReferralId, cancellationToken)
            ?? throw new KeyNotFoundException($"No referral with id '{request.ReferralId}'.");
        // Only the client's and referrer's addresses come from the form; staff and clinic notices never read it.
        var form = IsToClientOrReferrer(request.Kind)
            ? IntakeParser.Parse(await records.ReadFormAsync(request.ReferralId, cancellationToken)).Form
            : null;
        var kind = WireCode.Of(request.Kind);
        // Moved before the notice goes, and only while the case is still an emergency: once acknowledged it keeps the
        // deadline (or none) its new status set, even against a late rerun. A rerun moves it to the same time.
        if (NextEscalationOf(request) is { } next)
            await records.MoveDueAsync(request.ReferralId, ReferralStatus.Emergency, next, cancellationToken);

        if (FindRecipient(request.Kind, form, referral) is not { } recipient)
        {
            await records.AppendAuditAsync(Entry(request, AuditStep.NotificationSkipped, null, referral), cancellationToken);
            if (request.Kind.IsClient())
                await RunAsync(new NotificationRequest(request.ReferralId, NotificationKind.CoordinatorPhoneClient, SequenceOf(request)), cancellationToken);
            return NotificationOutcome.Skipped;
        }

        var key = $"{request.ReferralId}/{kind}/{request.Sequence}";
        var recipientHash = hasher.Hash(recipient.Address);
        var claimed = await records.TryBeginNotificationAsync(
            new NotificationRecord(key, request.ReferralId, kind, recipientHash, DeliveryState.Pending, time.GetUtcNow()), cancellationToken);
        // A pending record left by a run that crashed mid-send is sent again: at least once, never silently dropped.
        if (!claimed && await records.FindNotificationAsync(key, cancellationToken) is { State: not DeliveryState.Pending } earlier)
        {
            // Completed before: its entry committed with it, unless an older version wrote the two apart and crashed
            // between them. Completing again adds only a missing entry and leaves the recorded outcome as it is.
            await records.CompleteNotificationAsync(key, earlier.State, earlier.At, earlier.ProviderMessageId, earlier.FailureReason,
                Entry(request, OutcomeStep(earlier.State), earlier.RecipientHash, referral), cancellationToken);
            return earlier.State == DeliveryState.Sent ? NotificationOutcome.AlreadySent : NotificationOutcome.Failed;
        }

        var rendered = templates.Render(request.Kind, Facts(request.ReferralId, referral), recipient.Language);
        var result = await email.SendAsync(
            new EmailMessage(new EmailAddress(recipient.Address), rendered.Subject, rendered.Text, rendered.Html)
            {
                Categories = [kind],
                CustomArgs = new Dictionary<string, string> { ["referralId"] = request.ReferralId, ["kind"] = kind },
            },
            cancellationToken);

        var state = result.IsSent ? DeliveryState.Sent : DeliveryState.Failed;
        // The provider's failure reason goes to the notification log only: it is the provider's text, not a fact the
        // audit trail codes.
        await records.CompleteNotificationAsync(key, state, time.GetUtcNow(), result.ProviderMessageId, result.Reason,
            Entry(request, OutcomeStep(state), recipientHash, referral), cancellationToken);
        if (result.IsSent) return NotificationOutcome.Sent;

        if (request.Kind != NotificationKind.CoordinatorDeliveryFailed)
            await RunAsync(new NotificationRequest(request.ReferralId, NotificationKind.CoordinatorDeliveryFailed, SequenceOf(request)), cancellationToken);
        return NotificationOutcome.Failed;
    }

    private sealed record Recipient(string Address, string Language);

    private static bool IsToClientOrReferrer(NotificationKind kind) =>
        kind.IsClient() || IsToReferrer(kind);

    private static bool IsToReferrer(NotificationKind kind) =>
        kind is NotificationKind.ReferrerReceived or NotificationKind.ReferrerOutcome or NotificationKind.ReferrerCaseClosed;

    private static bool IsToClinic(NotificationKind kind) => kind is NotificationKind.ClinicCaseOffered or NotificationKind.ClinicCaseWithdrawn;

    private Recipient? FindRecipient(NotificationKind kind, IntakeForm? form, ReferralRecord referral) => kind switch
    {
        _ when kind.IsClient() => form is { Client: { Email: { } address, Consent.ContactByEmail: true } client }
            ? new Recipient(address, client.PreferredLanguage)
            : null,
        _ when IsToReferrer(kind) =>
            form?.Referrer.Email is { } referrer ? new Recipient(referrer, "en") : null,
        NotificationKind.CrisisTeamAlert => new Recipient(options.CrisisTeamEmail, "en"),
        NotificationKind.SupervisorEscalation => new Recipient(options.SupervisorEmail, "en"),
        _ when IsToClinic(kind) => referral.ClinicId is { } clinicId && clinics.Find(clinicId) is { } clinic
            ? new Recipient(clinic.Email, "en")
            : null,
        _ => new Recipient(options.CoordinatorsEmail, "en"),
    };

    private NotificationFacts Facts(string referralId, ReferralRecord referral) => new(
        referralId,
        referral.Routing?.Urgency ?? Urgency.Routine,
        referral.Routing?.Pathway,
        referral.Routing?.Modality,
        referral.ClinicId is { } clinicId ? clinics.Find(clinicId)?.Name : null,
        referral.DueAt,
        options.CaseLink(referralId));

    // Derived notices get a sequence of their own per originating notice, so each is still sent once.
    private static int SequenceOf(NotificationRequest origin) => (int)origin.Kind * 1000 + origin.Sequence;

    private static DateTimeOffset? NextEscalationOf(NotificationRequest request) =>
        request.NextEscalationAt is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    private static AuditStep OutcomeStep(DeliveryState state) => state == DeliveryState.Sent ? AuditStep.Notified : AuditStep.NotificationFailed;

    /// <summary>The notice's entry: its kind and sequence name its notification-log key; a clinic's notice names the clinic.</summary>
    private AuditEntry Entry(NotificationRequest request, AuditStep step, string? recipientHash, ReferralRecord referral) =>
        new(request.ReferralId, time.GetUtcNow(), step, Actors.System, [], RecipientHash: recipientHash)
        {
            NotificationKind = request.Kind,
            NotificationSequence = request.Sequence,
            DueAt = NextEscalationOf(request),
            ClinicId = IsToClinic(request.Kind) ? referral.ClinicId : null,
        };
}
