using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using Spectre.Console;

namespace IptTriage.Cli.Commands.Screen;

/// <summary>A table for people: one row per decision, then counts. Rows are kept until <see cref="Complete"/> so the
/// columns can be sized; meant for a screenful of forms, not for bulk runs (use JSON Lines for those).</summary>
public sealed class TableDecisionWriter : DecisionWriter
{
    private static readonly Style Emergency = new(Color.Red, decoration: Decoration.Bold);
    private static readonly Style Review = new(Color.Yellow);
    private static readonly Style Invalid = new(Color.Magenta1);

    private readonly StreamWriter text;
    private readonly IAnsiConsole console;
    private readonly Table table = new Table()
        .AddColumns("referral", "outcome", "pathway", "modality", "urgency", "exclusions", "flags / errors");
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
    }

    public override void Complete()
    {
        console.Write(table);
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

    private static void Count<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts[key] = Of(counts, key) + 1;

    private static int Of<TKey>(Dictionary<TKey, int> counts, TKey key) where TKey : notnull =>
        counts.GetValueOrDefault(key);
}
