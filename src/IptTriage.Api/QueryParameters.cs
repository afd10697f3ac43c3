using System.Globalization;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Api;

/// <summary>Reads a query string's parameters, each given at most once, collecting every problem by the parameter's
/// name and never repeating its value.</summary>
internal class QueryParameters(IQueryCollection parameters)
{
    private readonly List<FieldError> errors = [];

    public IReadOnlyList<FieldError> Errors => errors;

    public void Add(string name, string message) => errors.Add(new FieldError(name, message));

    /// <summary>The parameter's value; null when it is absent or empty.</summary>
    public string? One(string name)
    {
        var values = parameters[name];
        if (values.Count > 1) Add(name, "may be given once");
        return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }

    public TEnum? Code<TEnum>(string name) where TEnum : struct, Enum
    {
        if (One(name) is not { } code) return null;
        if (WireCode.TryParse<TEnum>(code, out var value)) return value;
        Add(name, "must be one of: " + string.Join(", ", WireCode.All<TEnum>()));
        return null;
    }

    public DateTimeOffset? Time(string name)
    {
        if (One(name) is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        Add(name, "must be an ISO 8601 date-time, such as 2026-11-02T00:00:00Z");
        return null;
    }
}
