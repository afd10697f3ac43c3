using System.Text.RegularExpressions;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;

namespace IptTriage.Api;

/// <summary>Collects every problem with a request body, each naming its field, so one answer lists them all.
/// Messages never repeat the value given: it could be personal data.</summary>
public sealed partial class FieldChecks
{
    public const int MaxReasonChars = 2000;

    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public bool Failed => errors.Count > 0;

    public void Add(string path, string message) => errors.Add(new FieldError(path, message));

    /// <summary>A staff or clinic id: it is written to the audit trail and into orchestration events, so it must be
    /// an id, not a name or an email address.</summary>
    public string Id(string path, string? value)
    {
        if (string.IsNullOrEmpty(value)) Add(path, "is required");
        else if (!IdPattern().IsMatch(value)) Add(path, "must be 1 to 64 letters, digits, '.', '_' or '-'");
        return value ?? "";
    }

    public static bool IsId(string value) => IdPattern().IsMatch(value);

    /// <summary>Who acts is the signed-in caller; a body that names someone else is refused rather than ignored, so a
    /// client written for the old API learns its field means nothing now.</summary>
    public void NoActor(string path, string? value)
    {
        if (value is not null) Add(path, "is no longer accepted: the audit trail records the signed-in person or key");
    }

    public string Text(string path, string? value, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(path, "is required");
            return "";
        }
        if (value.Length > MaxReasonChars) Add(path, $"must be at most {MaxReasonChars} characters");
        return value;
    }

    public TEnum? Code<TEnum>(string path, string? value) where TEnum : struct, Enum
    {
        if (value is null) return null;
        if (WireCode.TryParse<TEnum>(value, out var parsed)) return parsed;
        Add(path, $"must be one of: {string.Join(", ", WireCode.All<TEnum>())}");
        return null;
    }

    /// <summary>The coded <c>reason</c> a case ends with (required) and the person's <c>note</c>, required with
    /// <paramref name="other"/>; the reason is null when any check failed.</summary>
    public (TReason? Reason, string Note) EndOfCase<TReason>(string? reason, string? note, TReason other) where TReason : struct, Enum
    {
        var code = Code<TReason>("reason", reason);
        if (reason is null) Add("reason", $"is required: one of {string.Join(", ", WireCode.All<TReason>())}");
        var text = Text("note", note, required: code is { } given && given.Equals(other));
        return (Failed ? null : code, text);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();
}
