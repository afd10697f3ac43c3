using System.Buffers.Text;
using System.Text;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>One answer to its form value: a score from an integer, a LOINC answer code, the project's score code or an
/// ordinal extension (on the answer's coding or on the matching answer option of the Questionnaire sent with it); a
/// boolean (or LOINC's Yes/No); a contract code; an integer; text. Codes are compared as UTF-8, so an answer makes no
/// string but a text one.</summary>
internal static class AnswerReader
{
    /// <summary>The answer's <c>value[x]</c> types an item here can take.</summary>
    private enum AnswerValue { Other, Coding, Integer, Boolean, String }

    public static object? Read(FhirNode answer, ItemPlace place, FhirNode definition, List<FhirIssue> issues)
    {
        var question = place.Item;
        var (type, value) = ValueOf(answer);
        var (read, problem) = question.Kind switch
        {
            AnswerKind.Score => ReadScore(type, value, place, definition),
            AnswerKind.Boolean => ReadBoolean(type, value),
            AnswerKind.Choice => ReadChoice(type, value, place),
            AnswerKind.Integer => ReadInteger(type, value, question),
            _ => type == AnswerValue.String ? (new IntakeFormDraft.TreeText(value), null) : ((object?)null, "a text answer (valueString)"),
        };
        if (problem is not null) issues.Add(new(answer.Location.ToString(), $"'{question.LinkId}' needs {problem}", IssueType.Value));
        return problem is null ? read : null;
    }

    /// <summary>The answer's value, in one pass over its elements: of two types sent, the one first in
    /// <see cref="AnswerValue"/>'s order; of two of one name, the last (as <see cref="FhirNode.this[ReadOnlySpan{byte}]"/>).</summary>
    private static (AnswerValue, FhirNode) ValueOf(FhirNode answer)
    {
        var (found, value) = (AnswerValue.Other, default(FhirNode));
        foreach (var element in answer.Properties)
            if (TypeOf(element.JsonName) is var type and not AnswerValue.Other && (found == AnswerValue.Other || type <= found))
                (found, value) = (type, element);
        return (found, value);
    }

    private static AnswerValue TypeOf(ReadOnlySpan<byte> jsonName) =>
        jsonName.SequenceEqual("valueCoding"u8) ? AnswerValue.Coding
        : jsonName.SequenceEqual("valueInteger"u8) ? AnswerValue.Integer
        : jsonName.SequenceEqual("valueBoolean"u8) ? AnswerValue.Boolean
        : jsonName.SequenceEqual("valueString"u8) ? AnswerValue.String
        : AnswerValue.Other;

    /// <summary>Boxed once: a score is one of a few small numbers.</summary>
    private static readonly object[] Scores = [.. Enumerable.Range(0, 6).Select(score => (object)score)];

    private static (object?, string?) ReadScore(AnswerValue type, FhirNode value, ItemPlace place, FhirNode definition)
    {
        var question = place.Item;
        int? score = type switch
        {
            AnswerValue.Integer => value.GetInt32(),
            AnswerValue.Coding => ScoreOf(value, place, definition),
            _ => null,
        };
        if (score is not { } found)
            return (null, type == AnswerValue.Coding ? $"{Range(question)}; this answer code has no score (use a listed answer code or an ordinal extension)" : $"{Range(question)} (valueInteger or valueCoding)");
        if (found < question.Min || found > question.Max) return (null, $"{Range(question)}; {found} is out of range");
        return ((uint)found < Scores.Length ? Scores[found] : found, null);
    }

    /// <summary>Made only for a problem: most answers have none.</summary>
    private static string Range(IntakeItem question) => $"a score {question.Min}-{question.Max}";

    private static int? ScoreOf(FhirNode coding, ItemPlace place, FhirNode definition)
    {
        var (system, codeNode) = coding.Both("system"u8, "code"u8);
        var code = codeNode.Utf8;
        if (!code.IsEmpty && (!system.Exists || system.Utf8.SequenceEqual(Utf8Vocabulary.Loinc)))
            for (var i = 0; i < place.LoincAnswers.Length; i++)
                if (code.SequenceEqual(place.LoincAnswers[i])) return i;
        if (system.Utf8.SequenceEqual(Utf8Vocabulary.ScoreSystem) && OwnScore(code) is { } own) return own;
        if (Ordinal(coding) is { } ordinal) return ordinal;
        foreach (var option in definition.Each("answerOption"u8))
        {
            var listed = option.Child("valueCoding"u8);
            if (listed.Exists && listed["code"u8].Utf8.SequenceEqual(code) && (!system.Exists || listed["system"u8].Utf8.SequenceEqual(system.Utf8))) return Ordinal(listed);
        }
        return null;
    }

    /// <summary>The project's score code: digits only (no sign or space), as <c>int.TryParse</c> with no styles reads it.</summary>
    private static int? OwnScore(ReadOnlySpan<byte> code)
    {
        if (code.IsEmpty) return null;
        foreach (var c in code)
            if (!char.IsAsciiDigit((char)c)) return null;
        return Utf8Parser.TryParse(code, out int score, out var used) && used == code.Length ? score : null;
    }

    /// <summary>A whole-number ordinal extension (R4's ordinalValue or SDC's itemWeight); fractional weights are not scores.</summary>
    private static int? Ordinal(FhirNode coding)
    {
        foreach (var extension in coding.Each("extension"u8))
        {
            if (!extension.Is("url"u8, Utf8Vocabulary.OrdinalValue) && !extension.Is("url"u8, Utf8Vocabulary.ItemWeight)) continue;
            var weight = extension.Choice("value") is ("Decimal" or "Integer", var number) ? number.GetDecimal() : (decimal?)null;
            return weight is { } whole && whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue ? (int)whole : null;
        }
        return null;
    }

    private static (object?, string?) ReadBoolean(AnswerValue type, FhirNode value)
    {
        if (type == AnswerValue.Boolean) return (value.GetBoolean() ? True : False, null);
        if (type == AnswerValue.Coding && value.Both("system"u8, "code"u8) is var (system, codeNode) && (!system.Exists || system.Utf8.SequenceEqual(Utf8Vocabulary.Loinc)))
        {
            var code = codeNode.Utf8;
            if (Ascii.Equals(code, InstrumentCatalog.LoincYes)) return (True, null);
            if (Ascii.Equals(code, InstrumentCatalog.LoincNo)) return (False, null);
        }
        return (null, $"a yes/no answer (valueBoolean, or LOINC {InstrumentCatalog.LoincYes}/{InstrumentCatalog.LoincNo})");
    }

    private static readonly object True = true, False = false;

    private static (object?, string?) ReadChoice(AnswerValue type, FhirNode value, ItemPlace place)
    {
        var question = place.Item;
        var code = type switch
        {
            AnswerValue.Coding => value.Both("system"u8, "code"u8) is var (system, coded) && (!system.Exists || system.Utf8.SequenceEqual(place.ChoiceSystem)) ? coded.Utf8 : default,
            AnswerValue.String => value.Utf8,
            _ => default,
        };
        // The catalog's own string: a listed code makes none.
        if (!code.IsEmpty)
            for (var i = 0; i < place.Choices.Length; i++)
                if (code.SequenceEqual(place.Choices[i])) return (question.Choices[i], null);
        return (null, $"one of {string.Join(", ", question.Choices)} (valueCoding in {question.ChoiceSystem})");
    }

    private static (object?, string?) ReadInteger(AnswerValue type, FhirNode value, IntakeItem question)
    {
        if (type != AnswerValue.Integer) return (null, $"a whole number {question.Min}-{question.Max} (valueInteger)");
        var number = value.GetInt32();
        return number >= question.Min && number <= question.Max ? (number, null) : (null, $"a whole number {question.Min}-{question.Max}; {number} is out of range");
    }
}
