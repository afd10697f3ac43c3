using Hl7.Fhir.Model;
using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The responses' items to the form's presentation, consent and instruments. An item is recognised by its
/// linkId (a LOINC code, plain or at the end of a path, or the project's linkId) or, through the Questionnaire the
/// request carries, by that item's LOINC code; groups nest to any depth. Each instrument comes from one response and
/// must be complete; PHQ-9 and the referral details' required items must be answered.</summary>
internal sealed class ResponseMapper(ReferralParts parts, IntakeFormDraft draft, List<FhirIssue> issues)
{
    /// <summary>Which response answered each instrument first.</summary>
    private readonly Dictionary<IntakeInstrument, string> answeredIn = [];

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

    private void Map(Located<QuestionnaireResponse> located)
    {
        var response = located.Resource;
        if (response.Status is not (QuestionnaireResponse.QuestionnaireResponseStatus.Completed or QuestionnaireResponse.QuestionnaireResponseStatus.Amended))
        {
            issues.Add(new($"{located.At}.status", "only a completed or amended response is taken", IssueType.BusinessRule));
            return;
        }
        var questionnaire = parts.Questionnaires.FirstOrDefault(candidate => candidate.Url is { } url && url == response.Questionnaire?.Split('|')[0]);
        var declared = InstrumentCatalog.FindInstrument(response.Questionnaire)
            ?? InstrumentCatalog.FindInstrument(questionnaire?.Code.FirstOrDefault(code => code.System == FhirVocabulary.Loinc)?.Code);
        if (declared is null && questionnaire is null && response.Questionnaire is { Length: > 0 } && !AnyRecognised(response.Item))
        {
            issues.Add(new($"{located.At}.questionnaire", "this instrument is not one the intake takes (docs/fhir.md lists them)", IssueType.NotSupported));
            return;
        }
        var items = questionnaire is null ? null : IndexItems(questionnaire.Item, []);
        MapItems(response.Item, located.At, located.At, items);
    }

    private static bool AnyRecognised(List<QuestionnaireResponse.ItemComponent> items) =>
        items.Any(item => InstrumentCatalog.FindItem(item.LinkId) is not null || AnyRecognised(item.Item) || item.Answer.Any(answer => AnyRecognised(answer.Item)));

    private static Dictionary<string, Questionnaire.ItemComponent> IndexItems(List<Questionnaire.ItemComponent> items, Dictionary<string, Questionnaire.ItemComponent> index)
    {
        foreach (var item in items)
        {
            if (item.LinkId is { } linkId) index.TryAdd(linkId, item);
            IndexItems(item.Item, index);
        }
        return index;
    }

    private void MapItems(List<QuestionnaireResponse.ItemComponent> items, string parentAt, string responseAt, Dictionary<string, Questionnaire.ItemComponent>? questionnaire)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"{parentAt}.item[{i}]";
            var definition = item.LinkId is { } linkId && questionnaire?.TryGetValue(linkId, out var found) == true ? found : null;
            var recognised = InstrumentCatalog.FindItem(item.LinkId)
                ?? definition?.Code.Where(code => code.System is null or FhirVocabulary.Loinc or FhirVocabulary.ItemSystem).Select(code => InstrumentCatalog.FindItem(code.Code)).FirstOrDefault(match => match is not null);
            var ignored = InstrumentCatalog.IsIgnored(item.LinkId) || definition?.Code.Any(code => InstrumentCatalog.IsIgnored(code.Code)) == true;

            if (recognised is { } match) MapAnswers(item, at, responseAt, match.Instrument, match.Item, definition);
            else if (!ignored && item.Answer.Count > 0)
                issues.Add(new(at, $"item '{item.LinkId}' is not a question of any instrument the intake takes", IssueType.NotSupported));

            MapItems(item.Item, at, responseAt, questionnaire);
            for (var a = 0; a < item.Answer.Count; a++) MapItems(item.Answer[a].Item, $"{at}.answer[{a}]", responseAt, questionnaire);
        }
    }

    private void MapAnswers(QuestionnaireResponse.ItemComponent item, string at, string responseAt, IntakeInstrument instrument, IntakeItem question,
        Questionnaire.ItemComponent? definition)
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
            issues.Add(new(at, $"{instrument.Title} item '{question.LinkId}' is answered twice", IssueType.BusinessRule));
            return;
        }
        if (question.Repeats)
        {
            var codes = new List<string>();
            for (var a = 0; a < item.Answer.Count; a++)
                if (AnswerReader.Read(item.Answer[a], question, definition, $"{at}.answer[{a}]", issues) is string code) codes.Add(code);
            draft.Set(question.FormPath, codes, at);
            return;
        }
        if (item.Answer.Count != 1)
        {
            // No answer: left out, as a filler leaves an unanswered item; required items are reported once all is read.
            if (item.Answer.Count > 1) issues.Add(new(at, $"{instrument.Title} item '{question.LinkId}' takes one answer, not {item.Answer.Count}", IssueType.Value));
            return;
        }
        if (AnswerReader.Read(item.Answer[0], question, definition, $"{at}.answer[0]", issues) is { } value) draft.Set(question.FormPath, value, $"{at}.answer[0]");
    }
}
