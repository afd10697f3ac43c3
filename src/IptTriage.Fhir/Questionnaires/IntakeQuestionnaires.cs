using System.Globalization;
using Hl7.Fhir.Model;
using IptTriage.Fhir.Instruments;

namespace IptTriage.Fhir.Questionnaires;

/// <summary>The intake form as SDC-style Questionnaires (no <c>meta.profile</c>: the SDC profile is not in the offline
/// specification, so only R4 core conformance is claimed and checked) (GET /fhir/Questionnaire, samples/fhir/questionnaires): one per
/// instrument and one for the referral details, generated from <see cref="InstrumentCatalog"/>, LOINC-coded where LOINC
/// has the instrument, every scored answer option carrying its score as an ordinalValue extension.</summary>
public static class IntakeQuestionnaires
{
    /// <summary>A new copy each call: the SDK's resources are mutable.</summary>
    public static IReadOnlyList<Questionnaire> All() => [.. InstrumentCatalog.All.Select(For)];

    public static Questionnaire? Find(string id) => InstrumentCatalog.FindById(id) is { } instrument ? For(instrument) : null;

    public static Questionnaire For(IntakeInstrument instrument)
    {
        var questionnaire = new Questionnaire
        {
            Id = instrument.Id,
            Url = instrument.Url,
            Version = "1.0",
            Name = string.Concat(instrument.Title.Where(char.IsLetterOrDigit)),
            Title = instrument.Title,
            Status = PublicationStatus.Active,
            SubjectType = [ResourceType.Patient],
            Item = [.. instrument.Items.Select(Item)],
        };
        if (instrument.PanelLoinc is { } panel) questionnaire.Code = [new Coding(FhirVocabulary.Loinc, panel)];
        return questionnaire;
    }

    /// <summary>The coded answer for a score: the LOINC answer where LOINC lists the item's answers, else the project's
    /// score code; in an answer option, with the score as an ordinalValue extension.</summary>
    public static Coding AnswerCoding(IntakeItem question, int score, bool withScore = true)
    {
        var coding = question.LoincAnswers.Count > score
            ? new Coding(FhirVocabulary.Loinc, question.LoincAnswers[score])
            : new Coding(FhirVocabulary.ScoreSystem, score.ToString(CultureInfo.InvariantCulture));
        if (withScore) coding.Extension.Add(new Extension(FhirVocabulary.OrdinalValue, new FhirDecimal(score)));
        return coding;
    }

    private static Questionnaire.ItemComponent Item(IntakeItem question)
    {
        var item = new Questionnaire.ItemComponent
        {
            LinkId = question.LinkId,
            Text = question.Text,
            Required = question.Required,
            Repeats = question.Repeats,
            Type = question.Kind switch
            {
                AnswerKind.Score or AnswerKind.Choice => Questionnaire.QuestionnaireItemType.Choice,
                AnswerKind.Boolean => Questionnaire.QuestionnaireItemType.Boolean,
                AnswerKind.Integer => Questionnaire.QuestionnaireItemType.Integer,
                _ when question.FormPath == "presentation.summary" => Questionnaire.QuestionnaireItemType.Text,
                _ => Questionnaire.QuestionnaireItemType.String,
            },
        };
        if (question.Loinc is { } loinc) item.Code = [new Coding(FhirVocabulary.Loinc, loinc)];
        if (question.Kind == AnswerKind.Score)
            item.AnswerOption = [.. Enumerable.Range(question.Min, question.Max - question.Min + 1)
                .Select(score => new Questionnaire.AnswerOptionComponent { Value = AnswerCoding(question, score) })];
        if (question.Kind == AnswerKind.Choice)
            item.AnswerOption = [.. question.Choices.Select(code => new Questionnaire.AnswerOptionComponent { Value = new Coding(question.ChoiceSystem, code) })];
        if (question.Kind == AnswerKind.Integer)
            item.Extension.Add(new Extension("http://hl7.org/fhir/StructureDefinition/minValue", new Integer(question.Min)));
        return item;
    }
}
