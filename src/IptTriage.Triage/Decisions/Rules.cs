using System.Runtime.CompilerServices;

namespace IptTriage.Triage.Decisions;

/// <summary>The vocabulary the rule tables are written in. Reason texts are formatted only for rules that fire: most
/// rules do not, and formatting is most of what a rule costs.</summary>
internal static class Rules
{
    /// <summary>The rules that fire, in table order.</summary>
    public static Fired<TRule>[] Fire<TRule>(this IReadOnlyList<TRule> rules, TriageContext context) where TRule : ITriageRule
    {
        Fired<TRule>[] fired = [];
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule.Explain(context) is not { } text) continue;
            // Grown one at a time: tables are short and at most a few of their rules fire.
            Array.Resize(ref fired, fired.Length + 1);
            fired[^1] = new(rule, new Reason(rule.Id, text));
        }
        return fired;
    }

    /// <summary>A reason from the conditions that hold, joined by "; ", or null (the rule does not fire) when none holds.</summary>
    public static string? AnyOf(params ReadOnlySpan<string?> conditions) => JoinPresent("; ", conditions);

    public static string? When(bool condition, string text) => condition ? text : null;

    /// <summary><paramref name="text"/> when <paramref name="condition"/> holds; otherwise null, and the text's holes
    /// are never evaluated nor formatted.</summary>
    public static string? When(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref ReasonText text) =>
        condition ? text.ToStringAndClear() : null;

    /// <summary>The non-null <paramref name="parts"/> joined by <paramref name="separator"/>, or null when there are none.</summary>
    public static string? JoinPresent(string separator, ReadOnlySpan<string?> parts)
    {
        string? joined = null;
        foreach (var part in parts)
        {
            if (part is not null) joined = joined is null ? part : string.Concat(joined, separator, part);
        }
        return joined;
    }
}

/// <summary>An interpolated reason text that is formatted only when its condition holds (see <see cref="Rules.When(bool, ref ReasonText)"/>).</summary>
[InterpolatedStringHandler]
internal ref struct ReasonText
{
    private DefaultInterpolatedStringHandler text;

    public ReasonText(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        text = condition ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
        shouldAppend = condition;
    }

    public void AppendLiteral(string value) => text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => text.AppendFormatted(value);

    public string ToStringAndClear() => text.ToStringAndClear();
}
