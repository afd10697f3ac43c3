using DurableTask.Core.Exceptions;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Orchestrators;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Intake;

/// <param name="Started">True when this submission started the referral's orchestration.</param>
/// <param name="IdTaken">True when the id belongs to a referral taken in from a different form, which this one did not
/// replace (only a valid form replaces an invalid one): nothing of this form was kept.</param>
public sealed record IntakeReceipt(string ReferralId, ReferralStatus Status, bool Started, IReadOnlyList<FieldError> Errors, bool IdTaken = false);

/// <summary>Workflow step 1, shared by the queue listener, the HTTP submit endpoint and the watched folder: the form
/// is stored once under its referral id and one orchestration starts for it, however often it is delivered. An
/// invalid form is recorded with every error and coordinators are alerted; nothing starts for it.</summary>
public sealed class ReferralIntake(IRecordStore records, DurableTaskClient client, ScreenReferral screen, SendNotification notify, TimeProvider time)
{
    /// <param name="fallbackId">Names a form whose own id cannot be read: its file name or queue message id.</param>
    public async Task<IntakeReceipt> SubmitAsync(ReadOnlyMemory<byte> form, string fallbackId, CancellationToken cancellationToken = default)
    {
        var parsed = IntakeParser.Parse(form.Span);
        var referral = new NewReferral(parsed.ReferralId ?? fallbackId, time.GetUtcNow(), form);
        var added = await records.AddAsync(referral, cancellationToken) == IntakeResult.Added;
        // The form already stored under the id again (a redelivery, a retry) goes on as before; another form may only
        // replace an invalid one.
        var sameForm = !added && (await records.ReadFormAsync(referral.ReferralId, cancellationToken)).AsSpan().SequenceEqual(form.Span);
        added = added || (!sameForm && parsed.IsValid && await records.ResubmitInvalidAsync(referral, cancellationToken));
        var idTaken = !added && !sameForm;

        if (!parsed.IsValid)
        {
            if (added)
            {
                await screen.RunAsync(referral.ReferralId, cancellationToken);
                await notify.RunAsync(new NotificationRequest(referral.ReferralId, NotificationKind.CoordinatorInvalidForm), cancellationToken);
            }
            return new IntakeReceipt(referral.ReferralId, ReferralStatus.Invalid, Started: false, parsed.Errors, idTaken);
        }

        var existing = added ? null : await records.FindAsync(referral.ReferralId, cancellationToken);
        if (existing?.Status == ReferralStatus.Invalid)
            return new IntakeReceipt(referral.ReferralId, ReferralStatus.Invalid, Started: false, [], idTaken);

        // Started on every delivery, not only the first: if the process died between storing and starting, the
        // redelivered message completes the job.
        var started = await StartOnceAsync(referral.ReferralId, cancellationToken);
        return new IntakeReceipt(referral.ReferralId, existing?.Status ?? ReferralStatus.Received, started, [], idTaken);
    }

    /// <summary>One orchestration per referral id: an existing instance, running or finished, is left alone (Durable
    /// Functions would restart a finished one), and a start that loses a race with another delivery of the same form
    /// is refused by the backend with <see cref="OrchestrationAlreadyExistsException"/>.</summary>
    private async Task<bool> StartOnceAsync(string referralId, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(referralId, getInputsAndOutputs: false, cancellationToken) is not null) return false;
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
}
