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
        var route = exclusions.Length > 0 ? Route.Excluded(exclusions[0].Rule.Modality) : PathwayRules.Evaluate(context);
        var reviews = ReviewRules.Evaluate(context, route.Pathway);
        var flags = FlagRules.InTableOrder.Fire(context);

        var urgency = Urgency.Routine;
        var exclusionCodes = new WireCodeSet<Exclusion>();
        foreach (var (rule, _) in exclusions)
        {
            exclusionCodes.Add(rule.Code);
            urgency = Max(urgency, rule.Urgency);
        }
        var flagCodes = route.Flags;
        foreach (var (rule, _) in reviews)
        {
            flagCodes.Add(rule.Flag);
            urgency = Max(urgency, rule.UrgencyAtLeast);
        }
        foreach (var (rule, _) in flags) flagCodes.Add(rule.Flag);

        return new TriageDecision(
            form.ReferralId,
            policy.Version,
            // An emergency is never held for review.
            reviews.Length > 0 && !exclusionCodes.Contains(Exclusion.AcuteRisk) ? Outcome.Review : Outcome.Routed,
            route.Pathway,
            route.Modality,
            route.Adaptations.ToValues(),
            urgency,
            exclusionCodes.ToCodes(),
            flagCodes.ToCodes(),
            form.Presentation.ProblemAreas,
            context.Scores,
            InEvaluationOrder(exclusions, route.Reasons, reviews, flags),
            Errors: []);
    }

    private static Urgency Max(Urgency current, Urgency raisedTo) => raisedTo > current ? raisedTo : current;

    private static Reason[] InEvaluationOrder(
        Fired<ExclusionRule>[] exclusions, Reason[] route, Fired<FlagRule>[] reviews, Fired<FlagRule>[] flags)
    {
        var reasons = new Reason[exclusions.Length + route.Length + reviews.Length + flags.Length];
        var count = 0;
        foreach (var fired in exclusions) reasons[count++] = fired.Reason;
        foreach (var reason in route) reasons[count++] = reason;
        foreach (var fired in reviews) reasons[count++] = fired.Reason;
        foreach (var fired in flags) reasons[count++] = fired.Reason;
        return reasons;
    }

    /// <summary>Parse, validate and decide. <paramref name="fallbackId"/> names an unparseable form (file name, <c>line N</c>).</summary>
    public static TriageDecision Screen(ReadOnlySpan<byte> utf8Json, string fallbackId, TriagePolicy policy)
    {
        var parsed = IntakeParser.Parse(utf8Json);
        return parsed.Form is { } form
            ? Decide(form, policy)
            : TriageDecision.Invalid(parsed.ReferralId ?? fallbackId, policy.Version, parsed.Errors);
    }
}
