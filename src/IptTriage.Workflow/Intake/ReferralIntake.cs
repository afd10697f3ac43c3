using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Intake;

/// <param name="Started">True when this submission started the referral's orchestration.</param>
/// <param name="IdTaken">True when the id belongs to a referral taken in from a different form, which this one did not
/// replace (only a valid form replaces an invalid one): nothing of this form was kept.</param>
public sealed record IntakeReceipt(string ReferralId, ReferralStatus Status, bool Started, IReadOnlyList<FieldError> Errors, bool IdTaken = false);

/// <summary>Workflow step 1, shared by the queue listener, the HTTP submit endpoint and the watched folder: the form
/// is stored once under its referral id and one orchestration (instance id = referral id) starts for it, valid or
/// not, however often it is delivered. Store, then start once: a delivery that finds the form stored but its
/// orchestration missing (the process died in between) starts it, so a redelivery finishes what a crash interrupted;
/// a form no one will deliver again is started by <see cref="ResumeAsync"/> (<see cref="StalledIntakeRecovery"/> at
/// start-up). An invalid form's orchestration records it with every error and alerts coordinators.</summary>
public sealed class ReferralIntake(IRecordStore records, DurableTaskClient client, TimeProvider time)
{
    /// <summary>How long a corrected form waits for the invalid form's run (its coordinator alert) to finish before it
    /// may replace it; longer, and the submission is refused as the id being taken, to be sent again later.</summary>
    public static readonly TimeSpan InvalidRunWait = TimeSpan.FromSeconds(20);

    /// <param name="fallbackId">Names a form whose own id cannot be read: its file name or queue message id.</param>
    public Task<IntakeReceipt> SubmitAsync(ReadOnlyMemory<byte> form, string fallbackId, CancellationToken cancellationToken = default) =>
        SubmitAsync(form, fallbackId, source: null, cancellationToken);

    /// <param name="source">The payload <paramref name="form"/> was mapped from (a FHIR Bundle), stored beside it for
    /// audit; a redelivery is recognised by the form, as any other.</param>
    public async Task<IntakeReceipt> SubmitAsync(ReadOnlyMemory<byte> form, string fallbackId, ReferralSource? source, CancellationToken cancellationToken)
    {
        var parsed = IntakeParser.Parse(form.Span);
        var referral = new NewReferral(parsed.ReferralId ?? fallbackId, time.GetUtcNow(), form, source);
        var kept = await records.AddAsync(referral, cancellationToken) == IntakeResult.Added;
        if (!kept)
        {
            // The form already stored under the id again (a redelivery, a retry) goes on as before; another form may
            // only replace an invalid one.
            var stored = await records.ReadFormAsync(referral.ReferralId, cancellationToken);
            kept = stored.AsSpan().SequenceEqual(form.Span)
                || (parsed.IsValid && !IntakeParser.Parse(stored).IsValid && await ReplaceInvalidAsync(referral, cancellationToken));
        }

        // Started on every delivery, not only the first: if the process died between storing and starting, the
        // redelivered form completes the job.
        var started = kept && await StartOnceAsync(referral.ReferralId, cancellationToken);
        var status = parsed.IsValid ? (await records.FindAsync(referral.ReferralId, cancellationToken))!.Status : ReferralStatus.Invalid;
        return new IntakeReceipt(referral.ReferralId, status, started, parsed.Errors, IdTaken: !kept);
    }

    /// <summary>Starts the orchestration of a referral already stored at <see cref="ReferralStatus.Received"/> as a
    /// delivery of its form would (start-once), for a form whose delivery will not come again (an HTTP submission whose
    /// process died between storing and starting): an invalid form's run records and alerts it, a corrected form's
    /// replaces the finished invalid run. False, and nothing started, when the referral has its orchestration, is not
    /// at <see cref="ReferralStatus.Received"/> or is not stored.</summary>
    public async Task<bool> ResumeAsync(string referralId, CancellationToken cancellationToken = default) =>
        (await records.FindAsync(referralId, cancellationToken))?.Status == ReferralStatus.Received
        && await StartOnceAsync(referralId, cancellationToken);

    /// <summary>A corrected form replaces an invalid one once the invalid form's run has finished (recorded it and
    /// alerted coordinators): replacing it earlier would let that run screen the corrected form as its own, or finish
    /// after this submission had looked for it and leave the corrected form with no run.</summary>
    private async Task<bool> ReplaceInvalidAsync(NewReferral referral, CancellationToken cancellationToken)
    {
        // The invalid form stored and its run never started (the process died in between): its run goes first, so the
        // invalid form is recorded and alerted as any other, and the store replaces only a form recorded invalid.
        await StartOnceAsync(referral.ReferralId, cancellationToken);
        try
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(InvalidRunWait);
            await client.WaitForInstanceCompletionAsync(referral.ReferralId, getInputsAndOutputs: false, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        return await records.ResubmitInvalidAsync(referral, cancellationToken);
    }

    /// <summary>One running orchestration per referral id, under the referral id, so every event raised by referral id
    /// (the API, the simulator) reaches it. An existing instance is left alone — except the finished run of an invalid
    /// form that a corrected form has since replaced (it ended <see cref="ReferralStatus.Invalid"/>, yet the referral
    /// is back at <see cref="ReferralStatus.Received"/>): that run is purged and the corrected form's run starts under
    /// the same id. A start that loses a race with another delivery is refused by the backend with
    /// <see cref="OrchestrationAlreadyExistsException"/>.</summary>
    private async Task<bool> StartOnceAsync(string referralId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(referralId, getInputsAndOutputs: true, cancellationToken) is { } instance)
        {
            if (!await IsReplacedInvalidRunAsync(instance, cancellationToken)) return false;
            await AuditResubmissionOnceAsync(referralId, cancellationToken);
            // Durable Functions would restart a finished instance by itself; the embedded backend never replaces one.
            // Purging first does the same on both; only finished instances are purged, so a running one is never lost.
            await client.PurgeInstanceAsync(referralId, cancellation: cancellationToken);
        }
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                ReferralOrchestrator.Name, referralId, new StartOrchestrationOptions(referralId), cancellationToken);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return false;
        }
    }

    private async Task<bool> IsReplacedInvalidRunAsync(OrchestrationMetadata instance, CancellationToken cancellationToken) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
        && instance.ReadOutputAs<ReferralStatus>() == ReferralStatus.Invalid
        && (await records.FindAsync(instance.InstanceId, cancellationToken))?.Status == ReferralStatus.Received;

    /// <summary>Written where the replaced run is purged, which a redelivery reaches again after a crash; the last
    /// entry tells whether an earlier delivery wrote it already (the new run's screening comes after it).</summary>
    private async Task AuditResubmissionOnceAsync(string referralId, CancellationToken cancellationToken)
    {
        if ((await records.ReadAuditAsync(referralId, cancellationToken)).LastOrDefault()?.Step == AuditStep.Resubmitted) return;
        await records.AppendAuditAsync(new AuditEntry(referralId, time.GetUtcNow(), AuditStep.Resubmitted, Actors.System, []), cancellationToken);
    }
}
