using System.Text.Json;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The responses' items to the form's presentation, consent and instruments. An item is recognised by its
/// linkId (a LOINC code, plain or at the end of a path, or the project's linkId) or, through the Questionnaire the
/// request carries, by that item's LOINC code; groups nest to any depth. Each instrument comes from one response and
/// must be complete; PHQ-9 and the referral details' required items must be answered.</summary>
internal sealed class ResponseMapper(ReferralParts parts, IntakeFormDraft draft, List<FhirIssue> issues)
{
    /// <summary>Which response answered each instrument first. By reference: the catalog's instruments are single
    /// instances, and a record's own hash reads all its strings, twice an answer.</summary>
    private readonly Dictionary<IntakeInstrument, string> answeredIn = new(ReferenceEqualityComparer.Instance);

    private readonly HashSet<(IntakeInstrument, string)> reportedTwice = [];

    public void MapAll()
    {
        foreach (var response in parts.Responses) Map(response);
        foreach (var instrument in InstrumentCatalog.All)
        {
            var answered = answeredIn.TryGetValue(instrument, out var at);
            if (!answered && !instrument.Required) continue;
            if (!answered && instrument == InstrumentCatalog.Phq9)
            {
                // One issue for the missing instrument, not one per item.
                issues.Add(new(parts.Root, $"no {instrument.Title} answers: the intake needs a PHQ-9 (LOINC {instrument.PanelLoinc})", IssueType.Required));
                continue;
            }
            foreach (var item in instrument.Items.Where(item => item.Required && !draft.Has(item.FormPath)))
                issues.Add(new(at ?? parts.Root, $"{instrument.Title} item '{item.LinkId}' ({item.Text}) is not answered", IssueType.Required));
        }
    }

    private void Map(Located located)
    {
        var response = located.Resource;
        if (response.Text("status"u8) is not ("completed" or "amended"))
        {
            issues.Add(new($"{located.At}.status", "only a completed or amended response is taken", IssueType.BusinessRule));
            return;
        }
        var canonical = response.Text("questionnaire"u8);
        var questionnaire = parts.Questionnaires.Cast<JsonElement?>()
            .FirstOrDefault(candidate => candidate!.Value.Text("url"u8) is { } url && url == canonical?.Split('|')[0]);
        var declared = InstrumentCatalog.FindInstrument(canonical)
            ?? InstrumentCatalog.FindInstrument(questionnaire?.Each("code"u8).FirstOrDefault(code => code.Text("system"u8) == FhirVocabulary.Loinc) is { ValueKind: JsonValueKind.Object } loinc ? loinc.Text("code"u8) : null);
        var items = response.Each("item"u8);
        if (declared is null && questionnaire is null && canonical is { Length: > 0 } && !AnyRecognised(items))
        {
            issues.Add(new($"{located.At}.questionnaire", "this instrument is not one the intake takes (docs/fhir.md lists them)", IssueType.NotSupported));
            return;
        }
        var index = questionnaire is { } definitions ? IndexItems(definitions.Each("item"u8), []) : null;
        MapItems(items, located.At, located.At, index);
    }

    private static bool AnyRecognised(JsonElement[] items) =>
        items.Any(item => InstrumentCatalog.FindItem(item.Text("linkId"u8)) is not null || AnyRecognised(item.Each("item"u8)) || item.Each("answer"u8).Any(answer => AnyRecognised(answer.Each("item"u8))));

    private static Dictionary<string, JsonElement> IndexItems(JsonElement[] items, Dictionary<string, JsonElement> index)
    {
        foreach (var item in items)
        {
            if (item.Text("linkId"u8) is { } linkId) index.TryAdd(linkId, item);
            IndexItems(item.Each("item"u8), index);
        }
        return index;
    }

    private void MapItems(JsonElement[] items, FhirLocation parentAt, string responseAt, Dictionary<string, JsonElement>? questionnaire)
    {
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var at = parentAt.At("item", i);
            var linkId = item.Text("linkId"u8);
            JsonElement? definition = linkId is not null && questionnaire?.TryGetValue(linkId, out var found) == true ? found : null;
            var codes = definition?.Each("code"u8) ?? [];
            var recognised = InstrumentCatalog.FindItem(linkId)
                ?? codes.Where(code => code.Text("system"u8) is null or FhirVocabulary.Loinc or FhirVocabulary.ItemSystem).Select(code => InstrumentCatalog.FindItem(code.Text("code"u8))).FirstOrDefault(match => match is not null);
            var answers = item.Each("answer"u8);

            if (recognised is { } match) MapAnswers(answers, at, responseAt, match.Instrument, match.Item, definition);
            else if (answers.Length > 0 && !InstrumentCatalog.IsIgnored(linkId) && !codes.Any(code => InstrumentCatalog.IsIgnored(code.Text("code"u8))))
                issues.Add(new(at.ToString(), $"item '{linkId}' is not a question of any instrument the intake takes", IssueType.NotSupported));

            if (item.Each("item"u8) is { Length: > 0 } children) MapItems(children, at, responseAt, questionnaire);
            for (var a = 0; a < answers.Length; a++)
                if (answers[a].Each("item"u8) is { Length: > 0 } nested) MapItems(nested, at.At("answer", a), responseAt, questionnaire);
        }
    }

    private void MapAnswers(JsonElement[] answers, FhirLocation at, string responseAt, IntakeInstrument instrument, IntakeItem question, JsonElement? definition)
    {
        if (answeredIn.TryGetValue(instrument, out var first) && first != responseAt)
        {
            if (reportedTwice.Add((instrument, responseAt)))
                issues.Add(new(responseAt, $"a second {instrument.Title} response (the first is {first}): one response per instrument", IssueType.BusinessRule));
            return;
        }
        answeredIn[instrument] = responseAt;
        if (draft.Has(question.FormPath))
        {
            issues.Add(new(at.ToString(), $"{instrument.Title} item '{question.LinkId}' is answered twice", IssueType.BusinessRule));
            return;
        }
        if (question.Repeats)
        {
            var codes = new List<string>();
            for (var a = 0; a < answers.Length; a++)
                if (AnswerReader.Read(answers[a], question, definition, at.At("answer", a), issues) is string code) codes.Add(code);
            draft.Set(question.FormPath, codes, at);
            return;
        }
        if (answers.Length != 1)
        {
            // No answer: left out, as a filler leaves an unanswered item; required items are reported once all is read.
            if (answers.Length > 1) issues.Add(new(at.ToString(), $"{instrument.Title} item '{question.LinkId}' takes one answer, not {answers.Length}", IssueType.Value));
            return;
        }
        var answerAt = at.At("answer", 0);
        if (AnswerReader.Read(answers[0], question, definition, answerAt, issues) is { } value) draft.Set(question.FormPath, value, answerAt);
    }
}
