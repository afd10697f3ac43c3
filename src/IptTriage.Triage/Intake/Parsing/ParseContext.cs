using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>The errors of one parse. Capped so a hostile 256 KiB form cannot produce an unbounded error list.</summary>
internal sealed class ParseContext
{
    public const int MaxErrors = 200;

    private List<FieldError>? errors;

    public bool HasErrors => ErrorCount > 0;

    /// <summary>Errors reported so far, including any beyond the cap: a section is valid when this did not grow while
    /// it was read.</summary>
    public int ErrorCount { get; private set; }

    public IReadOnlyList<FieldError> Errors => errors ?? (IReadOnlyList<FieldError>)[];

    public void Error(FieldPath at, string message)
    {
        ErrorCount++;
        errors ??= [];
        if (errors.Count < MaxErrors)
        {
            errors.Add(new FieldError(at.ToString(), message));
        }
        else if (errors.Count == MaxErrors)
        {
            errors.Add(new FieldError("$", $"more than {MaxErrors} errors; the rest are not reported"));
        }
    }
}
