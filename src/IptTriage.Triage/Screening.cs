using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Triage;

/// <summary>The triage entry points: pure functions of the form and the policy.</summary>
public static class Screening
{
    /// <summary>Applies the triage policy (<c>docs/triage-policy.md</c> sections 2–6) to a validated form.</summary>
    public static TriageDecision Decide(IntakeForm form, TriagePolicy policy)
    {
        var context = TriageContext.Of(form, policy);
        var exclusions = ExclusionRules.InTableOrder.Fire(context);
        var route = exclusions.Count > 0 ? Route.Excluded(exclusions[0].Rule.Modality) : PathwayRules.Evaluate(context);
        var reviews = ReviewRules.Evaluate(context, route.Pathway);
        var flags = FlagRules.InTableOrder.Fire(context);

        // An emergency is never held for review.
        var acuteRisk = exclusions.Any(e => e.Rule.Code == Exclusion.AcuteRisk);
        var urgencies = exclusions.Select(e => e.Rule.Urgency).Concat(reviews.Select(r => r.Rule.UrgencyAtLeast));

        return new TriageDecision(
            form.ReferralId,
            policy.Version,
            reviews.Count > 0 && !acuteRisk ? Outcome.Review : Outcome.Routed,
            route.Pathway,
            route.Modality,
            [.. route.Adaptations.Distinct().OrderBy(WireCode.Of, StringComparer.Ordinal)],
            urgencies.Append(Urgency.Routine).Max(),
            OrdinalCodes(exclusions.Select(e => e.Rule.Code)),
            OrdinalCodes(route.Flags.Concat(reviews.Select(r => r.Rule.Flag)).Concat(flags.Select(f => f.Rule.Flag))),
            form.Presentation.ProblemAreas,
            context.Scores,
            [.. exclusions.Select(e => e.Reason), .. route.Reasons, .. reviews.Select(r => r.Reason), .. flags.Select(f => f.Reason)],
            Errors: []);
    }

    private static string[] OrdinalCodes<TEnum>(IEnumerable<TEnum> codes) where TEnum : struct, Enum =>
        [.. codes.Select(WireCode.Of).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Parse, validate and decide. <paramref name="fallbackId"/> names an unparseable form (file name, <c>line N</c>).</summary>
    public static TriageDecision Screen(ReadOnlySpan<byte> utf8Json, string fallbackId, TriagePolicy policy)
    {
        var parsed = IntakeParser.Parse(utf8Json);
        return parsed.Form is { } form
            ? Decide(form, policy)
            : TriageDecision.Invalid(parsed.ReferralId ?? fallbackId, policy.Version, parsed.Errors);
    }
}
