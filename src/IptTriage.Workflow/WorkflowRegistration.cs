using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Orchestrators;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Workflow;

public static class WorkflowRegistration
{
    /// <summary>Registers the referral orchestration and its activities with a Durable Task worker
    /// (<c>AddDurableTaskWorker(b =&gt; b.AddTasks(r =&gt; r.AddReferralWorkflow(options)))</c>). The host supplies the
    /// record store, policy, clinic directory, templates, email sender, hasher and clock the activities take.</summary>
    public static DurableTaskRegistry AddReferralWorkflow(this DurableTaskRegistry registry, WorkflowOptions options) => registry
        // Microsoft's registry creates orchestrators without the container; this one needs only its deadlines.
        .AddOrchestrator(ReferralOrchestrator.Name, () => new ReferralOrchestrator(options))
        .Add<ScreenReferral, string, ScreeningResult>(ScreenReferral.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<SendNotification, NotificationRequest, NotificationOutcome>(SendNotification.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<OfferToNextClinic, PlacementRequest, string?>(OfferToNextClinic.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<CloseClinicOffer, OfferOutcome>(CloseClinicOffer.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<OfferToClinic, ClinicOffer, bool>(OfferToClinic.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<FindCasesForSlot, string, string[]>(FindCasesForSlot.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<CloseCase, CaseClosing, string?>(CloseCase.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<DischargeCase, CaseDischarge, string?>(DischargeCase.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<ApplyReviewDecision, ReviewStep>(ApplyReviewDecision.Name, (activity, input, ct) => activity.RunAsync(input, ct))
        .Add<RecordStep, StepRecord>(RecordStep.Name, (activity, input, ct) => activity.RunAsync(input, ct));

    private static DurableTaskRegistry Add<TActivity, TInput, TOutput>(
        this DurableTaskRegistry registry, string name, Func<TActivity, TInput, CancellationToken, Task<TOutput>> run) where TActivity : class =>
        registry.AddActivity(name, services => new Forwarder<TInput, TOutput>(input => run(ActivatorUtilities.CreateInstance<TActivity>(services), input, CancellationToken.None)));

    private static DurableTaskRegistry Add<TActivity, TInput>(
        this DurableTaskRegistry registry, string name, Func<TActivity, TInput, CancellationToken, Task> run) where TActivity : class =>
        registry.Add<TActivity, TInput, object?>(name, async (activity, input, ct) =>
        {
            await run(activity, input, ct);
            return null;
        });

    /// <summary>Microsoft's activity shape around a plain activity class, as an Azure Functions activity forwards to it.</summary>
    private sealed class Forwarder<TInput, TOutput>(Func<TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(input);
    }
}
