using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Activities;

/// <summary>One activity function per shared activity, under the same name, forwarding to the same class the embedded
/// engine runs (<see cref="Workflow.WorkflowRegistration"/>). Each call gets a fresh activity from DI.</summary>
public sealed class ReferralActivityFunctions(IServiceProvider services)
{
    [Function(ScreenReferral.Name)]
    public Task<ScreeningResult> ScreenReferralAsync([ActivityTrigger] string referralId, CancellationToken cancellationToken) =>
        Create<ScreenReferral>().RunAsync(referralId, cancellationToken);

    [Function(SendNotification.Name)]
    public Task<NotificationOutcome> SendNotificationAsync([ActivityTrigger] NotificationRequest request, CancellationToken cancellationToken) =>
        Create<SendNotification>().RunAsync(request, cancellationToken);

    [Function(OfferToNextClinic.Name)]
    public Task<string?> OfferToNextClinicAsync([ActivityTrigger] PlacementRequest request, CancellationToken cancellationToken) =>
        Create<OfferToNextClinic>().RunAsync(request, cancellationToken);

    [Function(CloseClinicOffer.Name)]
    public Task CloseClinicOfferAsync([ActivityTrigger] OfferOutcome outcome, CancellationToken cancellationToken) =>
        Create<CloseClinicOffer>().RunAsync(outcome, cancellationToken);

    [Function(OfferToClinic.Name)]
    public Task<bool> OfferToClinicAsync([ActivityTrigger] ClinicOffer offer, CancellationToken cancellationToken) =>
        Create<OfferToClinic>().RunAsync(offer, cancellationToken);

    [Function(FindCasesForSlot.Name)]
    public Task<string[]> FindCasesForSlotAsync([ActivityTrigger] string clinicId, CancellationToken cancellationToken) =>
        Create<FindCasesForSlot>().RunAsync(clinicId, cancellationToken);

    [Function(CloseCase.Name)]
    public Task<string?> CloseCaseAsync([ActivityTrigger] CaseClosing closing, CancellationToken cancellationToken) =>
        Create<CloseCase>().RunAsync(closing, cancellationToken);

    [Function(DischargeCase.Name)]
    public Task<string?> DischargeCaseAsync([ActivityTrigger] CaseDischarge discharge, CancellationToken cancellationToken) =>
        Create<DischargeCase>().RunAsync(discharge, cancellationToken);

    [Function(ApplyReviewDecision.Name)]
    public Task ApplyReviewDecisionAsync([ActivityTrigger] ReviewStep step, CancellationToken cancellationToken) =>
        Create<ApplyReviewDecision>().RunAsync(step, cancellationToken);

    [Function(RecordStep.Name)]
    public Task RecordStepAsync([ActivityTrigger] StepRecord step, CancellationToken cancellationToken) =>
        Create<RecordStep>().RunAsync(step, cancellationToken);

    private T Create<T>() where T : class => ActivatorUtilities.CreateInstance<T>(services);
}
