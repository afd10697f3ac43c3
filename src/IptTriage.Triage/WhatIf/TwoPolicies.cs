using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Triage.WhatIf;

/// <summary>The current policy and a candidate for it, to screen the same forms under both.</summary>
public sealed record TwoPolicies(TriagePolicy Current, TriagePolicy Candidate)
{
    /// <summary>Parses and validates the form once and decides it under each policy: what <see cref="Screening.Screen"/>
    /// would answer under either, for a little more than the cost of one (parsing is most of it).</summary>
    /// <param name="fallbackId">Names an unparseable form, as for <see cref="Screening.Screen"/>.</param>
    public DecisionPair Screen(ReadOnlySpan<byte> utf8Json, string fallbackId)
    {
        var parsed = IntakeParser.Parse(utf8Json);
        if (parsed.Form is not { } form)
        {
            var id = parsed.ReferralId ?? fallbackId;
            return new DecisionPair(
                TriageDecision.Invalid(id, Current.Version, parsed.Errors), TriageDecision.Invalid(id, Candidate.Version, parsed.Errors), null);
        }
        return new DecisionPair(Screening.Decide(form, Current), Screening.Decide(form, Candidate), form.ReceivedAt);
    }
}

/// <summary>One form's decisions under the current policy (<see cref="Before"/>) and the candidate (<see cref="After"/>).</summary>
/// <param name="ReceivedAt">The form's <c>receivedAt</c>; null when the form is invalid.</param>
public readonly record struct DecisionPair(TriageDecision Before, TriageDecision After, DateTimeOffset? ReceivedAt);
