using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.Intake;

/// <summary>Parses and validates an intake form in one pass, collecting every error. Never throws on bad input.</summary>
public static class IntakeParser
{
    public const int MaxFormBytes = 256 * 1024;

    public static IntakeParseResult Parse(ReadOnlySpan<byte> utf8Json) => throw new NotImplementedException();
}

/// <param name="Form">The validated form, or null when any error was found.</param>
/// <param name="ReferralId">The form's <c>referralId</c> when it could be read as a valid id, even if other fields are invalid.</param>
/// <param name="Errors">Every error found; empty when <paramref name="Form"/> is set.</param>
public sealed record IntakeParseResult(IntakeForm? Form, string? ReferralId, IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Form is not null;
}
