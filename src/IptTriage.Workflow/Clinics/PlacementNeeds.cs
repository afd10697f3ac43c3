using IptTriage.Triage.Intake;
using IptTriage.Triage.Scoring;
using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Clinics;

/// <summary>What a screened case needs from a clinic, read as placement reads it: the routing placement uses now (a
/// coordinator's override included) and, from the form as it arrived, the client's region, language and age on the
/// day the referral was received.</summary>
public static class PlacementNeeds
{
    /// <exception cref="InvalidOperationException">The referral has not been screened, or its form is not valid.</exception>
    public static async Task<PlacementNeed> ReadAsync(IReferralStore records, ReferralRecord referral, CancellationToken cancellationToken = default)
    {
        var routing = referral.Routing ?? throw new InvalidOperationException($"Referral '{referral.ReferralId}' has not been screened.");
        var form = IntakeParser.Parse(await records.ReadFormAsync(referral.ReferralId, cancellationToken)).Form
            ?? throw new InvalidOperationException($"Referral '{referral.ReferralId}' has no valid form.");
        var client = form.Client;
        return new PlacementNeed(routing.Pathway, routing.Modality, routing.Adaptations, client.Region, client.PreferredLanguage,
            Age.YearsOn(client.DateOfBirth, form.ReceivedOn));
    }
}
