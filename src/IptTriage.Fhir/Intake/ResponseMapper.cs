using IptTriage.Fhir.Instruments;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>The responses' items to the form's presentation, consent and instruments. An item is recognised by its
/// linkId (a LOINC code, plain or at the end of a path, or the project's linkId) or, through the Questionnaire the
/// request carries, by that item's LOINC code; groups nest to any depth. Each instrument comes from one response and
/// must be complete; PHQ-9 and the referral details' required items must be answered.</summary>
internal sealed class ResponseMapper(ReferralParts parts, IntakeFormDraft draft, List<FhirIssue> issues)
{
    /// <summary>Which response answered each instrument first, by the instrument's ordinal.</summary>
    private readonly Located?[] answeredIn = new Located?[InstrumentCatalog.All.Count];

    private readonly HashSet<(IntakeInstrument, Located)> reportedTwice = [];

    /// <summary>The items, by ordinal in the catalog, whose answers were refused: already reported where they are, so
    /// not reported again as unanswered.</summary>
    private readonly bool[] answerRefused = new bool[InstrumentCatalog.Items.Count];

    /// <summary>Each instrument's items, by the instrument's ordinal, in arrays: every referral's check reads them all.</summary>
    private static readonly IntakeItem[][] ItemsOf = [.. InstrumentCatalog.All.Select(instrument => instrument.Items.ToArray())];

    public void MapAll()
    {
        foreach (var response in parts.Responses) Map(response);
        var ordinal = 0;
        for (var i = 0; i < ItemsOf.Length; i++)
        {
            var (instrument, items) = (InstrumentCatalog.All[i], ItemsOf[i]);
            var first = ordinal;
            ordinal += items.Length;
            var response = answeredIn[i];
            var answered = response is not null;
            if (!answered && !instrument.Required) continue;
            if (!answered && instrument == InstrumentCatalog.Phq9)
            {
                // One issue for the missing instrument, not one per item.
                issues.Add(new(parts.Root, $"no {instrument.Title} answers: the intake needs a PHQ-9 (LOINC {instrument.PanelLoinc})", IssueType.Required));
                continue;
            }
            for (var k = 0; k < items.Length; k++)
                if (items[k] is { Required: true } item && !draft.HasItem(first + k) && !answerRefused[first + k])
                    issues.Add(new(response?.At.ToString() ?? parts.Root, $"{instrument.Title} item '{item.LinkId}' ({item.Text}) is not answered", IssueType.Required));
        }
    }

    private void Map(Located located)
    {
        var response = located.Resource;
        var status = response["status"u8].Utf8;
        if (!status.SequenceEqual("completed"u8) && !status.SequenceEqual("amended"u8))
        {
            issues.Add(new($"{located.At}.status", "only a completed or amended response is taken", IssueType.BusinessRule));
            return;
        }
        var (questionnaireElement, itemElement) = response.Both("questionnaire"u8, "item"u8);
        var canonical = questionnaireElement.Utf8;
        var questionnaire = canonical.IsEmpty ? default : FindQuestionnaire(InstrumentCatalog.WithoutVersion(canonical));
        var declared = InstrumentCatalog.FindInstrument(canonical) ?? InstrumentCatalog.FindInstrument(PanelOf(questionnaire));
        var items = itemElement.Items;
        if (declared is null && !questionnaire.Exists && !canonical.IsEmpty && !AnyRecognised(items))
        {
            issues.Add(new($"{located.At}.questionnaire", "this instrument is not one the intake takes (docs/fhir.md lists them)", IssueType.NotSupported));
            return;
        }
        var index = questionnaire.Exists ? IndexItems(questionnaire.Each("item"u8), new(StringComparer.Ordinal)) : null;
        MapItems(items, located, index);
    }

    private FhirNode FindQuestionnaire(ReadOnlySpan<byte> url)
    {
        foreach (var candidate in parts.Questionnaires)
            if (candidate["url"u8].Utf8 is { IsEmpty: false } sent && url.SequenceEqual(sent)) return candidate;
        return default;
    }

    /// <summary>The LOINC code of a Questionnaire sent with the response (none when it has none).</summary>
    private static ReadOnlySpan<byte> PanelOf(FhirNode questionnaire)
    {
        foreach (var code in questionnaire.Each("code"u8))
            if (code.Both("system"u8, "code"u8) is var (system, panel) && system.Utf8.SequenceEqual(Utf8Vocabulary.Loinc)) return panel.Utf8;
        return default;
    }

    private static bool AnyRecognised(FhirNodes items)
    {
        foreach (var item in items)
        {
            if (InstrumentCatalog.FindItem(item["linkId"u8].Utf8) is not null || AnyRecognised(item.Each("item"u8))) return true;
            foreach (var answer in item.Each("answer"u8))
                if (AnyRecognised(answer.Each("item"u8))) return true;
        }
        return false;
    }

    private static Dictionary<string, FhirNode> IndexItems(FhirNodes items, Dictionary<string, FhirNode> index)
    {
        foreach (var item in items)
        {
            if (item.Text("linkId"u8) is { } linkId) index.TryAdd(linkId, item);
            IndexItems(item.Each("item"u8), index);
        }
        return index;
    }

    private void MapItems(FhirNodes items, Located response, Dictionary<string, FhirNode>? questionnaire)
    {
        foreach (var item in items)
        {
            // One pass over the item's elements for the three read here.
            FhirNode linkIdNode = default;
            FhirNodes answers = default, children = default;
            foreach (var element in item.Properties)
            {
                var name = element.JsonName;
                if (name.SequenceEqual("linkId"u8)) linkIdNode = element;
                else if (name.SequenceEqual("answer"u8)) answers = element.Items;
                else if (name.SequenceEqual("item"u8)) children = element.Items;
            }
            var linkId = linkIdNode.Utf8;
            var definition = questionnaire is not null && linkIdNode.Exists && questionnaire.TryGetValue(linkIdNode.GetString(), out var found) ? found : default;
            var codes = definition.Each("code"u8);
            var recognised = InstrumentCatalog.FindItem(linkId) ?? FindByCode(codes);

            if (recognised is { } match) MapAnswers(answers, item.Location, response, match, definition);
            else if (answers.Count > 0 && !InstrumentCatalog.IsIgnored(linkId) && !AnyIgnored(codes))
                issues.Add(new(item.Location.ToString(), $"item '{item.Text("linkId"u8)}' is not a question of any instrument the intake takes", IssueType.NotSupported));

            MapItems(children, response, questionnaire);
            foreach (var answer in answers) MapItems(answer.Each("item"u8), response, questionnaire);
        }
    }

    /// <summary>The item a Questionnaire's item codes name: LOINC's, or the project's own item codes.</summary>
    private static ItemPlace? FindByCode(FhirNodes codes)
    {
        foreach (var code in codes)
        {
            var system = code["system"u8];
            if ((!system.Exists || system.Utf8.SequenceEqual(Utf8Vocabulary.Loinc) || system.Utf8.SequenceEqual(Utf8Vocabulary.ItemSystem))
                && InstrumentCatalog.FindItem(code["code"u8].Utf8) is { } match)
                return match;
        }
        return null;
    }

    private static bool AnyIgnored(FhirNodes codes)
    {
        foreach (var code in codes)
            if (InstrumentCatalog.IsIgnored(code["code"u8].Utf8)) return true;
        return false;
    }

    private void MapAnswers(FhirNodes answers, FhirLocation at, Located response, ItemPlace place, FhirNode definition)
    {
        var (instrument, question) = (place.Instrument, place.Item);
        ref var first = ref answeredIn[place.InstrumentOrdinal];
        if (first is not null && first != response)
        {
            if (reportedTwice.Add((instrument, response)))
                issues.Add(new(response.At.ToString(), $"a second {instrument.Title} response (the first is {first.At}): one response per instrument", IssueType.BusinessRule));
            return;
        }
        first = response;
        if (draft.HasItem(place.ItemOrdinal) || answerRefused[place.ItemOrdinal])
        {
            issues.Add(new(at.ToString(), $"{instrument.Title} item '{question.LinkId}' is answered twice", IssueType.BusinessRule));
            return;
        }
        if (question.Repeats)
        {
            var codes = new List<string>();
            foreach (var answer in answers)
                if (AnswerReader.Read(answer, place, definition, issues) is string code) codes.Add(code);
            draft.SetItem(place.ItemOrdinal, codes, at);
            return;
        }
        if (answers.Count != 1)
        {
            // No answer: left out, as a filler leaves an unanswered item; required items are reported once all is read.
            if (answers.Count > 1)
            {
                issues.Add(new(at.ToString(), $"{instrument.Title} item '{question.LinkId}' takes one answer, not {answers.Count}", IssueType.Value));
                answerRefused[place.ItemOrdinal] = true;
            }
            return;
        }
        var only = answers[0];
        if (AnswerReader.Read(only, place, definition, issues) is { } value) draft.SetItem(place.ItemOrdinal, value, only.Location);
        else answerRefused[place.ItemOrdinal] = true;
    }
}
