namespace IptTriage.Fhir.Forms;

/// <summary>How a sender writes its responses, each a shape real systems send (docs/fhir.md, "Accepted").</summary>
public enum AnswerStyle
{
    /// <summary>LOINC answer codes where LOINC lists them, else the project's score codes (as the Questionnaires offer).</summary>
    Coded,

    /// <summary>valueInteger.</summary>
    Integers,

    /// <summary>A sender's own answer codes, each carrying its score as an ordinalValue extension.</summary>
    OrdinalExtensions,
}

public enum LinkIdStyle
{
    /// <summary>The project's Questionnaire linkIds (LOINC codes where published).</summary>
    Published,

    /// <summary>LOINC-form paths, <c>/44249-1/44250-9</c>.</summary>
    LoincPaths,

    /// <summary>A sender's own linkIds (<c>q1</c>, <c>q2</c> …), recognised through the Questionnaire sent in the Bundle
    /// with each item's LOINC code (or, for an item without one, its published linkId as code).</summary>
    ThroughQuestionnaire,
}

/// <param name="Grouped">Each instrument's items inside a group item (and, in a single response, groups inside groups).</param>
public sealed record ResponseShape(AnswerStyle Answers = AnswerStyle.Coded, LinkIdStyle LinkIds = LinkIdStyle.Published, bool Grouped = false)
{
    public static ResponseShape Default { get; } = new();
}
