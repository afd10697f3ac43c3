using System.Globalization;
using Hl7.Fhir.Model;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>One answer to its form value: a score from an integer, a LOINC answer code, the project's score code or an
/// ordinal extension (on the answer's coding or on the matching answer option of the Questionnaire sent with it); a
/// boolean (or LOINC's Yes/No); a contract code; an integer; text.</summary>
internal static class AnswerReader
{
    public static object? Read(QuestionnaireResponse.AnswerComponent answer, IntakeItem question, Questionnaire.ItemComponent? definition, string at, List<FhirIssue> issues)
    {
        var (value, problem) = question.Kind switch
        {
            AnswerKind.Score => ReadScore(answer.Value, question, definition),
            AnswerKind.Boolean => ReadBoolean(answer.Value),
            AnswerKind.Choice => ReadChoice(answer.Value, question),
            AnswerKind.Integer => ReadInteger(answer.Value, question),
            _ => answer.Value is FhirString { Value: { } text } ? (text, null) : ((object?)null, "a text answer (valueString)"),
        };
        if (problem is not null) issues.Add(new(at, $"'{question.LinkId}' needs {problem}", IssueType.Value));
        return problem is null ? value : null;
    }

    private static (object?, string?) ReadScore(DataType? value, IntakeItem question, Questionnaire.ItemComponent? definition)
    {
        var range = $"a score {question.Min}-{question.Max}";
        int? score = value switch
        {
            Integer { Value: { } number } => number,
            Coding coding => ScoreOf(coding, question, definition),
            _ => null,
        };
        if (score is null)
            return (null, value is Coding ? $"{range}; this answer code has no score (use a listed answer code or an ordinal extension)" : $"{range} (valueInteger or valueCoding)");
        return score >= question.Min && score <= question.Max ? (score.Value, null) : (null, $"{range}; {score} is out of range");
    }

    private static int? ScoreOf(Coding coding, IntakeItem question, Questionnaire.ItemComponent? definition)
    {
        if (coding.System is null or FhirVocabulary.Loinc && coding.Code is { } loinc && question.LoincAnswers.ToList().IndexOf(loinc) is var index and >= 0) return index;
        if (coding.System == FhirVocabulary.ScoreSystem && int.TryParse(coding.Code, NumberStyles.None, CultureInfo.InvariantCulture, out var own)) return own;
        if (Ordinal(coding) is { } ordinal) return ordinal;
        var option = definition?.AnswerOption.Select(option => option.Value).OfType<Coding>()
            .FirstOrDefault(listed => listed.Code == coding.Code && (coding.System is null || listed.System == coding.System));
        return option is null ? null : Ordinal(option);
    }

    /// <summary>A whole-number ordinal extension (R4's ordinalValue or SDC's itemWeight); fractional weights are not scores.</summary>
    private static int? Ordinal(Element coding)
    {
        var extension = coding.Extension.FirstOrDefault(candidate => candidate.Url is FhirVocabulary.OrdinalValue or FhirVocabulary.ItemWeight);
        var weight = extension?.Value switch
        {
            FhirDecimal { Value: { } number } => number,
            Integer { Value: { } number } => number,
            _ => (decimal?)null,
        };
        return weight is { } whole && whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue ? (int)whole : null;
    }

    private static (object?, string?) ReadBoolean(DataType? value) => value switch
    {
        FhirBoolean { Value: { } flag } => (flag, null),
        Coding { Code: InstrumentCatalog.LoincYes } coding when coding.System is null or FhirVocabulary.Loinc => (true, null),
        Coding { Code: InstrumentCatalog.LoincNo } coding when coding.System is null or FhirVocabulary.Loinc => (false, null),
        _ => (null, $"a yes/no answer (valueBoolean, or LOINC {InstrumentCatalog.LoincYes}/{InstrumentCatalog.LoincNo})"),
    };

    private static (object?, string?) ReadChoice(DataType? value, IntakeItem question)
    {
        var code = value switch
        {
            Coding coding when coding.System is null || coding.System == question.ChoiceSystem => coding.Code,
            FhirString text => text.Value,
            _ => null,
        };
        return code is not null && question.Choices.Contains(code)
            ? (code, null)
            : (null, $"one of {string.Join(", ", question.Choices)} (valueCoding in {question.ChoiceSystem})");
    }

    private static (object?, string?) ReadInteger(DataType? value, IntakeItem question) => value switch
    {
        Integer { Value: { } number } when number >= question.Min && number <= question.Max => (number, null),
        Integer { Value: { } number } => (null, $"a whole number {question.Min}-{question.Max}; {number} is out of range"),
        _ => (null, $"a whole number {question.Min}-{question.Max} (valueInteger)"),
    };
}
