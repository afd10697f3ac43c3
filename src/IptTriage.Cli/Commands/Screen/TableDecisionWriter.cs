using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using Spectre.Console;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>A table for people: one row per decision, then counts. Rows are kept so the columns can be sized, a page
/// of <see cref="PageRows"/> at a time: a screenful of forms is one table, and a bulk run streams page after page in
/// bounded memory.</summary>
public sealed class TableDecisionWriter : DecisionWriter
{
    public const int PageRows = 500;

    private static readonly Style Emergency = new(Color.Red, decoration: Decoration.Bold);
    private static readonly Style Review = new(Color.Yellow);
    private static readonly Style Invalid = new(Color.Magenta1);

    private readonly StreamWriter text;
    private readonly IAnsiConsole console;
    private Table table = NewPage();
    private bool anyPageWritten;
    private readonly Dictionary<Outcome, int> outcomes = [];
    private readonly Dictionary<Urgency, int> urgencies = [];

    public TableDecisionWriter(Stream output, TerminalInfo terminal)
    {
        text = new StreamWriter(output, leaveOpen: true);
        console = TerminalConsole.Create(text, terminal);
    }

    public override void Write(TriageDecision decision)
    {
        Count(outcomes, decision.Outcome);
        if (decision.Outcome != Outcome.Invalid) Count(urgencies, decision.Urgency);
        var style = decision switch
        {
            { Outcome: Outcome.Invalid } => Invalid,
            { Urgency: Urgency.Emergency } => Emergency,
            { Outcome: Outcome.Review } => Review,
            _ => Style.Plain,
        };
        var invalid = decision.Outcome == Outcome.Invalid;
        table.AddRow(
        [
            new Text(decision.ReferralId),
            new Text(WireCode.Of(decision.Outcome), style),
            new Text(decision.Pathway is { } pathway ? WireCode.Of(pathway) : "-"),
            new Text(decision.Modality is { } modality ? WireCode.Of(modality) : "-"),
            new Text(invalid ? "-" : WireCode.Of(decision.Urgency), invalid ? Style.Plain : style),
            new Text(string.Join(", ", decision.Exclusions)),
            new Text(invalid
                ? string.Join(", ", decision.Errors.Select(error => error.Path).Distinct())
                : string.Join(", ", decision.Flags)),
        ]);
        if (table.Rows.Count == PageRows) WritePage();
    }

    public override void Complete()
    {
        if (table.Rows.Count > 0 || !anyPageWritten) WritePage();
        var total = outcomes.Values.Sum();
        console.WriteLine(
            $"{total} form{(total == 1 ? "" : "s")}: {Of(outcomes, Outcome.Routed)} routed, {Of(outcomes, Outcome.Review)} review, "
            + $"{Of(outcomes, Outcome.Invalid)} invalid; {Of(urgencies, Urgency.Emergency)} emergency, "
            + $"{Of(urgencies, Urgency.Urgent)} urgent, {Of(urgencies, Urgency.Routine)} routine");
        text.Flush();
    }

    public override void Dispose()
    {
        text.Dispose();
        base.Dispose();
    }

    private static Table NewPage() => new Table().AddColumns("referral", "outcome", "pathway", "modality", "urgency", "exclusions", "flags / errors");

    private void WritePage()
    {
        console.Write(table);
        text.Flush();
        table = NewPage();
        anyPageWritten = true;
    }

    private static void Count<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = Of(counts, key) + 1;

    private static int Of<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts.GetValueOrDefault(key);
}
