using System.Globalization;
using System.Text.Json;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>One answer to its form value: a score from an integer, a LOINC answer code, the project's score code or an
/// ordinal extension (on the answer's coding or on the matching answer option of the Questionnaire sent with it); a
/// boolean (or LOINC's Yes/No); a contract code; an integer; text.</summary>
internal static class AnswerReader
{
    public static object? Read(JsonElement answer, IntakeItem question, JsonElement? definition, FhirLocation at, List<FhirIssue> issues)
    {
        var value = ValueOf(answer);
        var (read, problem) = question.Kind switch
        {
            AnswerKind.Score => ReadScore(value, question, definition),
            AnswerKind.Boolean => ReadBoolean(value),
            AnswerKind.Choice => ReadChoice(value, question),
            AnswerKind.Integer => ReadInteger(value, question),
            _ => value.Type == "String" ? (value.Value.GetString(), null) : ((object?)null, "a text answer (valueString)"),
        };
        if (problem is not null) issues.Add(new(at.ToString(), $"'{question.LinkId}' needs {problem}", IssueType.Value));
        return problem is null ? read : null;
    }

    /// <summary>The answer's <c>value[x]</c> among the types an answer takes here (others read as none).</summary>
    private static (string Type, JsonElement Value) ValueOf(JsonElement answer) =>
        answer.TryGetProperty("valueCoding"u8, out var value) ? ("Coding", value)
        : answer.TryGetProperty("valueInteger"u8, out value) ? ("Integer", value)
        : answer.TryGetProperty("valueBoolean"u8, out value) ? ("Boolean", value)
        : answer.TryGetProperty("valueString"u8, out value) ? ("String", value)
        : answer.Choice("value");

    private static (object?, string?) ReadScore((string Type, JsonElement Value) value, IntakeItem question, JsonElement? definition)
    {
        int? score = value.Type switch
        {
            "Integer" => value.Value.GetInt32(),
            "Coding" => ScoreOf(value.Value, question, definition),
            _ => null,
        };
        if (score is null)
            return (null, value.Type == "Coding" ? $"{Range(question)}; this answer code has no score (use a listed answer code or an ordinal extension)" : $"{Range(question)} (valueInteger or valueCoding)");
        return score >= question.Min && score <= question.Max ? (score.Value, null) : (null, $"{Range(question)}; {score} is out of range");
    }

    /// <summary>Made only for a problem: most answers have none.</summary>
    private static string Range(IntakeItem question) => $"a score {question.Min}-{question.Max}";

    private static int? ScoreOf(JsonElement coding, IntakeItem question, JsonElement? definition)
    {
        var (system, code) = (coding.Text("system"u8), coding.Text("code"u8));
        if (system is null or FhirVocabulary.Loinc && code is { } loinc && IndexOf(question.LoincAnswers, loinc) is var index and >= 0) return index;
        if (system == FhirVocabulary.ScoreSystem && int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var own)) return own;
        if (Ordinal(coding) is { } ordinal) return ordinal;
        foreach (var option in definition?.Each("answerOption"u8) ?? [])
            if (option.Child("valueCoding"u8) is { } listed && listed.Text("code"u8) == code && (system is null || listed.Text("system"u8) == system)) return Ordinal(listed);
        return null;
    }

    private static int IndexOf(IReadOnlyList<string> codes, string code)
    {
        for (var i = 0; i < codes.Count; i++)
            if (codes[i] == code) return i;
        return -1;
    }

    /// <summary>A whole-number ordinal extension (R4's ordinalValue or SDC's itemWeight); fractional weights are not scores.</summary>
    private static int? Ordinal(JsonElement coding)
    {
        if (!coding.TryGetProperty("extension"u8, out _)) return null;
        var extension = coding.Each("extension"u8).FirstOrDefault(candidate => candidate.Text("url"u8) is FhirVocabulary.OrdinalValue or FhirVocabulary.ItemWeight);
        var weight = extension.ValueKind == JsonValueKind.Object && extension.Choice("value") is ("Decimal" or "Integer", var number) ? number.GetDecimal() : (decimal?)null;
        return weight is { } whole && whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue ? (int)whole : null;
    }

    private static (object?, string?) ReadBoolean((string Type, JsonElement Value) value) => value switch
    {
        ("Boolean", var flag) => (flag.GetBoolean(), null),
        ("Coding", var coding) when coding.Text("system"u8) is null or FhirVocabulary.Loinc && coding.Text("code"u8) is InstrumentCatalog.LoincYes => (true, null),
        ("Coding", var coding) when coding.Text("system"u8) is null or FhirVocabulary.Loinc && coding.Text("code"u8) is InstrumentCatalog.LoincNo => (false, null),
        _ => (null, $"a yes/no answer (valueBoolean, or LOINC {InstrumentCatalog.LoincYes}/{InstrumentCatalog.LoincNo})"),
    };

    private static (object?, string?) ReadChoice((string Type, JsonElement Value) value, IntakeItem question)
    {
        var code = value switch
        {
            ("Coding", var coding) when coding.Text("system"u8) is null || coding.Text("system"u8) == question.ChoiceSystem => coding.Text("code"u8),
            ("String", var text) => text.GetString(),
            _ => null,
        };
        return code is not null && question.Choices.Contains(code)
            ? (code, null)
            : (null, $"one of {string.Join(", ", question.Choices)} (valueCoding in {question.ChoiceSystem})");
    }

    private static (object?, string?) ReadInteger((string Type, JsonElement Value) value, IntakeItem question) => value switch
    {
        ("Integer", var whole) when whole.GetInt32() is var number && number >= question.Min && number <= question.Max => (number, null),
        ("Integer", var whole) => (null, $"a whole number {question.Min}-{question.Max}; {whole.GetInt32()} is out of range"),
        _ => (null, $"a whole number {question.Min}-{question.Max} (valueInteger)"),
    };
}
