using IptTriage.Triage;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Instruments;

/// <summary>An item with its instrument, and their ordinals in the catalog (<see cref="InstrumentCatalog.All"/>,
/// <see cref="InstrumentCatalog.Items"/>): the mapping files answers by them in arrays.</summary>
internal sealed record ItemPlace(IntakeInstrument Instrument, IntakeItem Item, int InstrumentOrdinal, int ItemOrdinal)
{
    /// <summary>The item's LOINC answer codes as UTF-8, by score: answers are compared as the request's bytes.</summary>
    public byte[][] LoincAnswers { get; } = [.. Item.LoincAnswers.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>The item's contract codes as UTF-8, in the order of <see cref="IntakeItem.Choices"/>.</summary>
    public byte[][] Choices { get; } = [.. Item.Choices.Select(System.Text.Encoding.UTF8.GetBytes)];

    public byte[] ChoiceSystem { get; } = Item.ChoiceSystem is { } system ? System.Text.Encoding.UTF8.GetBytes(system) : [];
}

/// <summary>Every question the intake form asks, by instrument, with its LOINC codes where published (docs/fhir.md,
/// "Mapping"): the one table the Questionnaires are generated from and FHIR answers are mapped by.</summary>
public static class InstrumentCatalog
{
    public const string ReferralDetailsId = "iptriage-referral";

    /// <summary>LOINC LL358-3 (PHQ-9, GAD-7): Not at all, Several days, More than half the days, Nearly every day.</summary>
    private static readonly string[] FrequencyAnswers = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

    /// <summary>LOINC's No (LA32-8) and Yes (LA33-6), accepted for boolean items.</summary>
    public const string LoincNo = "LA32-8", LoincYes = "LA33-6";

    // Before ReferralDetails, which reads it: static fields are initialised in the order written.
    private static readonly (string Name, string Text)[] ClinicianFlags =
    [
        ("currentCrisis", "In a current crisis"),
        ("psychoticSymptoms", "Psychotic symptoms"),
        ("currentMania", "Current mania"),
        ("bipolarHistory", "History of bipolar disorder"),
        ("traumaFlashbacks", "Trauma flashbacks"),
        ("severeSocialIsolation", "Severe social isolation"),
        ("predominantCognitiveDistortions", "Predominant cognitive distortions"),
        ("treatmentResistant", "Treatment-resistant"),
    ];

    public static readonly IntakeInstrument Phq9 = Scale("phq-9", "PHQ-9", "44249-1", "phq9", 3, FrequencyAnswers, required: true,
    [
        ("44250-9", "Little interest or pleasure in doing things"),
        ("44255-8", "Feeling down, depressed, or hopeless"),
        ("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
        ("44254-1", "Feeling tired or having little energy"),
        ("44251-7", "Poor appetite or overeating"),
        ("44258-2", "Feeling bad about yourself, or that you are a failure or have let yourself or your family down"),
        ("44252-5", "Trouble concentrating on things, such as reading the newspaper or watching television"),
        ("44253-3", "Moving or speaking so slowly that other people could have noticed, or being so fidgety or restless that you have been moving around a lot more than usual"),
        ("44260-8", "Thoughts that you would be better off dead, or of hurting yourself in some way"),
    ]);

    public static readonly IntakeInstrument Gad7 = Scale("gad-7", "GAD-7", "69737-5", "gad7", 3, FrequencyAnswers, required: false,
    [
        ("69725-0", "Feeling nervous, anxious, or on edge"),
        ("68509-9", "Not being able to stop or control worrying"),
        ("69733-4", "Worrying too much about different things"),
        ("69734-2", "Trouble relaxing"),
        ("69735-9", "Being so restless that it is hard to sit still"),
        ("69689-8", "Becoming easily annoyed or irritable"),
        ("69736-7", "Feeling afraid, as if something awful might happen"),
    ]);

    /// <summary>LOINC's AUDIT-C answer codes are not used: they could not be checked against a published list here, so
    /// AUDIT-C answers come as scores (docs/fhir.md).</summary>
    public static readonly IntakeInstrument AuditC = Scale("audit-c", "AUDIT-C", "72109-2", "auditC", 4, [], required: false,
    [
        ("68518-0", "How often do you have a drink containing alcohol?"),
        ("68519-8", "How many standard drinks containing alcohol do you have on a typical day?"),
        ("68520-6", "How often do you have six or more drinks on one occasion?"),
    ]);

    public static readonly IntakeInstrument Cssrs = new("c-ssrs-screener", "C-SSRS screener (recent)", null, false,
    [
        Flag("instruments.cssrs.wishDead", "Have you wished you were dead or wished you could go to sleep and not wake up?"),
        Flag("instruments.cssrs.suicidalThoughts", "Have you had any actual thoughts of killing yourself?"),
        Flag("instruments.cssrs.thoughtsWithMethod", "Have you been thinking about how you might do this?"),
        Flag("instruments.cssrs.intent", "Have you had these thoughts and had some intention of acting on them?"),
        Flag("instruments.cssrs.planWithIntent", "Have you started to work out the details of how to kill yourself, and do you intend to carry out this plan?"),
        Flag("instruments.cssrs.behaviorEver", "Have you ever done anything, started to do anything, or prepared to do anything to end your life?"),
        Flag("instruments.cssrs.behaviorPast3Months", "Was this within the past three months?"),
    ]);

    public static readonly IntakeInstrument Pqb = new("pq-b", "Prodromal Questionnaire - Brief", null, false,
        [.. Enumerable.Range(1, 21).Select(n => new IntakeItem($"instruments.pqb.{n}", $"instruments.pqb[{n - 1}]",
            $"PQ-B item {n}: 0 not endorsed, 1-5 endorsed with that distress rating", AnswerKind.Score) { Max = 5 })]);

    public static readonly IntakeInstrument Mdq = new("mdq", "Mood Disorder Questionnaire", null, false,
    [
        .. Enumerable.Range(1, 13).Select(n => Flag($"instruments.mdq.symptoms.{n}", $"MDQ symptom {n}", $"instruments.mdq.symptoms[{n - 1}]")),
        Flag("instruments.mdq.sameTimePeriod", "Have several of these ever happened during the same period of time?"),
        Choice<MdqImpairment>("instruments.mdq.impairment", "How much of a problem did any of these cause you?", "mdq-impairment", required: true),
    ]);

    public static readonly IntakeInstrument MsiBpd = new("msi-bpd", "McLean Screening Instrument for BPD", null, false,
        [.. Enumerable.Range(1, 10).Select(n => Flag($"instruments.msiBpd.{n}", $"MSI-BPD item {n}", $"instruments.msiBpd[{n - 1}]"))]);

    public static readonly IntakeInstrument PcPtsd5 = new("pc-ptsd-5", "Primary Care PTSD Screen for DSM-5", null, false,
    [
        Flag("instruments.pcPtsd5.traumaExposure", "Have you ever experienced a traumatic event?"),
        .. Enumerable.Range(1, 5).Select(n => Flag($"instruments.pcPtsd5.items.{n}", $"PC-PTSD-5 item {n} (past month)", $"instruments.pcPtsd5.items[{n - 1}]")),
    ]);

    /// <summary>What the form asks beyond the Patient and the referrer: consent, the presentation, the clinician's
    /// observations. <c>referrer.kind</c> may instead follow from the ServiceRequest's requester (a Patient: <c>self</c>).</summary>
    public static readonly IntakeInstrument ReferralDetails = new(ReferralDetailsId, "IPT triage referral details", null, true,
    [
        Choice<ReferrerKind>("referrer.kind", "Who is referring?", "referrer-kind", required: false),
        new("client.region", "client.region", "Catchment region code", AnswerKind.Text) { Required = false },
        Flag("client.consent.contactByEmail", "The client agrees to be contacted by email"),
        Flag("client.consent.shareWithClinic", "The client agrees to the referral being shared with a clinic"),
        new("presentation.summary", "presentation.summary", "Summary of the presentation", AnswerKind.Text) { Required = false },
        Choice<ProblemArea>("presentation.problemAreas", "Interpersonal problem areas (none answered: none)", "problem-area", required: false) with { Repeats = true },
        new("presentation.episodeDurationMonths", "presentation.episodeDurationMonths", "Duration of the current episode, months", AnswerKind.Integer) { Max = 600 },
        new("presentation.previousEpisodes", "presentation.previousEpisodes", "Number of previous episodes", AnswerKind.Integer) { Max = int.MaxValue, Required = false },
        Flag("presentation.perinatal", "Pregnant or within a year of giving birth", required: false),
        Choice<TreatmentPreference>("presentation.treatmentPreference", "Treatment preference", "treatment-preference", required: false),
        Choice<EatingDisorder>("presentation.eatingDisorder", "Eating disorder", "eating-disorder", required: false),
        .. ClinicianFlags.Select(flag => Flag($"clinician.{flag.Name}", flag.Text, required: false)),
        Choice<PersonalityDisorder>("clinician.personalityDisorder", "Personality disorder known to the referrer", "personality-disorder", required: false),
    ]);

    /// <summary>The referral details first, then the instruments in the form's order.</summary>
    public static IReadOnlyList<IntakeInstrument> All { get; } = [ReferralDetails, Phq9, Gad7, Cssrs, Pqb, Mdq, MsiBpd, PcPtsd5, AuditC];

    /// <summary>LOINC codes of computed or descriptive items sent beside the scored ones (totals, the difficulty
    /// question), recognised and not mapped: the intake computes its own totals.</summary>
    public static IReadOnlySet<string> IgnoredLoinc { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "44261-6", // PHQ-9 total score
        "69722-7", // PHQ-9 difficulty (not checked against LOINC here)
        "70274-6", // GAD-7 total score (not checked against LOINC here)
        "69726-8", // GAD-7 difficulty (not checked against LOINC here)
        "75626-2", // AUDIT-C total score
    };

    private static readonly Intake.Utf8Map<IntakeInstrument> ByUrlOrPanel = new([.. All
        .SelectMany(instrument => new[] { (instrument.Url, instrument), (instrument.Id, instrument) }
            .Concat(instrument.PanelLoinc is { } panel ? [(panel, instrument), ($"http://loinc.org/q/{panel}", instrument)] : []))
        .Select(pair => KeyValuePair.Create(System.Text.Encoding.UTF8.GetBytes(pair.Item1), pair.instrument))]);

    /// <summary>The item a linkId's or LOINC code's UTF-8 bytes name, with its place in the catalog: the project's
    /// linkIds, LOINC item codes, and LOINC codes at the end of a path-style linkId (<c>/44249-1/44250-9</c>).</summary>
    internal static ItemPlace? FindItem(ReadOnlySpan<byte> linkIdOrCode)
    {
        if (linkIdOrCode.IsEmpty) return null;
        if (ByLinkIdOrCode.TryGetValue(linkIdOrCode, out var found)) return found;
        return ByLinkIdOrCode.TryGetValue(linkIdOrCode[(linkIdOrCode.LastIndexOf((byte)'/') + 1)..], out found) ? found : null;
    }

    internal static bool IsIgnored(ReadOnlySpan<byte> linkIdOrCode) =>
        !linkIdOrCode.IsEmpty && IgnoredLoincUtf8.Contains(linkIdOrCode[(linkIdOrCode.LastIndexOf((byte)'/') + 1)..]);

    /// <summary>Every item with its instrument and both ordinals, in the order of <see cref="All"/>.</summary>
    private static readonly ItemPlace[] Places =
        [.. All.SelectMany((instrument, ordinal) => instrument.Items.Select(item => (instrument, item, ordinal)))
            .Select((entry, itemOrdinal) => new ItemPlace(entry.instrument, entry.item, entry.ordinal, itemOrdinal))];

    /// <summary>Every item of every instrument, in the order of <see cref="All"/>: an item's ordinal is its place here.</summary>
    internal static IReadOnlyList<IntakeItem> Items { get; } = [.. Places.Select(place => place.Item)];

    /// <summary>Each item by its linkId, its form path and its LOINC code (declared after <see cref="Places"/>, which it reads).</summary>
    private static readonly Intake.Utf8Map<ItemPlace> ByLinkIdOrCode =
        new([.. Index().Select(pair => KeyValuePair.Create(System.Text.Encoding.UTF8.GetBytes(pair.Key), pair.Value))]);

    private static readonly Intake.Utf8Set IgnoredLoincUtf8 = new(IgnoredLoinc);

    /// <summary>The instrument a Questionnaire canonical (<c>url|version</c>), id or LOINC panel code names, from its UTF-8.</summary>
    internal static IntakeInstrument? FindInstrument(ReadOnlySpan<byte> canonicalOrCode) =>
        ByUrlOrPanel.TryGetValue(WithoutVersion(canonicalOrCode), out var instrument) ? instrument : null;

    /// <summary>A canonical without its <c>|version</c>.</summary>
    internal static ReadOnlySpan<byte> WithoutVersion(ReadOnlySpan<byte> canonical) =>
        canonical.IndexOf((byte)'|') is var bar and >= 0 ? canonical[..bar] : canonical;

    public static IntakeInstrument? FindById(string id) => All.FirstOrDefault(instrument => instrument.Id == id);

    private static Dictionary<string, ItemPlace> Index()
    {
        var index = new Dictionary<string, ItemPlace>(StringComparer.Ordinal);
        foreach (var place in Places)
        {
            index.Add(place.Item.LinkId, place);
            index.TryAdd(place.Item.FormPath, place);
            if (place.Item.Loinc is { } loinc) index.TryAdd(loinc, place);
        }
        return index;
    }

    private static IntakeInstrument Scale(string id, string title, string panel, string field, int max, string[] answers, bool required,
        (string Loinc, string Text)[] items) =>
        new(id, title, panel, required, [.. items.Select((item, i) => new IntakeItem(item.Loinc, $"instruments.{field}[{i}]", item.Text, AnswerKind.Score)
        {
            Loinc = item.Loinc, Max = max, LoincAnswers = answers,
        })]);

    private static IntakeItem Flag(string linkId, string text, string? formPath = null, bool required = true) =>
        new(linkId, formPath ?? linkId, text, AnswerKind.Boolean) { Required = required };

    private static IntakeItem Choice<TEnum>(string path, string text, string system, bool required) where TEnum : struct, Enum =>
        new(path, path, text, AnswerKind.Choice) { Choices = WireCode.All<TEnum>(), ChoiceSystem = FhirVocabulary.CodeSystemOf(system), Required = required };
}
