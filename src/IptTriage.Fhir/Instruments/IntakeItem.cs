namespace IptTriage.Fhir.Instruments;

/// <summary>How an item is answered: a score (integer, LOINC answer code, the project's score code or an ordinal
/// extension), a boolean, a contract code, an integer, or text.</summary>
public enum AnswerKind { Score, Boolean, Choice, Integer, Text }

/// <summary>One question of the intake as a Questionnaire item, and where its answer goes in the intake form.</summary>
/// <param name="LinkId">The item's linkId in the project's Questionnaire: the LOINC code where there is one, else the
/// form path with 1-based array positions (<c>instruments.pqb.3</c>).</param>
/// <param name="FormPath">The intake form field (docs/intake-form.md) the answer fills: <c>instruments.phq9[2]</c>.</param>
public sealed record IntakeItem(string LinkId, string FormPath, string Text, AnswerKind Kind)
{
    public string? Loinc { get; init; }

    public int Min { get; init; }

    /// <summary>The highest score (<see cref="AnswerKind.Score"/>) or integer (<see cref="AnswerKind.Integer"/>).</summary>
    public int Max { get; init; }

    /// <summary>LOINC answer codes by score (index 0 = score 0), where LOINC has the item's answer list.</summary>
    public IReadOnlyList<string> LoincAnswers { get; init; } = [];

    /// <summary>The contract codes a <see cref="AnswerKind.Choice"/> takes, and the name of their code system.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    public string? ChoiceSystem { get; init; }

    public bool Repeats { get; init; }

    public bool Required { get; init; } = true;
}

/// <summary>One instrument of the intake form (or the referral details), published as one Questionnaire.</summary>
/// <param name="Id">The Questionnaire's id.</param>
/// <param name="PanelLoinc">The LOINC panel code, where LOINC has the instrument.</param>
/// <param name="Required">Whether every intake needs it (PHQ-9 and the referral details).</param>
public sealed record IntakeInstrument(string Id, string Title, string? PanelLoinc, bool Required, IReadOnlyList<IntakeItem> Items)
{
    public string Url => FhirVocabulary.QuestionnaireUrl(Id);
}
