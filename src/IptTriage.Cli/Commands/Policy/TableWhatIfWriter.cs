using System.Globalization;
using IptTriage.Triage;
using IptTriage.Triage.WhatIf;
using Spectre.Console;

namespace IptTriage.Cli.Commands.Policy;

/// <summary>For people: the changed referrals a page of <see cref="PageRows"/> at a time (so a large run streams in
/// bounded memory), then the cross-table, the rules that start or stop firing, and the counts.</summary>
public sealed class TableWhatIfWriter : WhatIfWriter
{
    public const int PageRows = 500;

    private readonly StreamWriter text;
    private readonly IAnsiConsole console;
    private Table page = NewPage();

    public TableWhatIfWriter(Stream output, TerminalInfo terminal)
    {
        text = new StreamWriter(output, leaveOpen: true);
        console = TerminalConsole.Create(text, terminal);
    }

    public override void WriteChange(DecisionChange change)
    {
        page.AddRow(Plain(change.ReferralId, Route(change.Before), Route(change.After), string.Join(", ", CodesGainedAndLost(change)),
            string.Join(", ", change.RulesStarted), string.Join(", ", change.RulesStopped)));
        if (page.Rows.Count == PageRows) WritePage();
    }

    public override void Complete(WhatIfSummary? summary)
    {
        if (page.Rows.Count > 0) WritePage();
        if (summary is not null)
        {
            var cells = new Table().Title("Decisions before and after").AddColumns("outcome", "pathway", "modality", "urgency", "before", "after", "change");
            foreach (var row in summary.CrossTable)
            {
                cells.AddRow(Plain(WireCode.Of(row.Outcome), Code(row.Pathway), Code(row.Modality), Code(row.Urgency),
                    Number(row.Before), Number(row.After), Signed(row.After - row.Before)));
            }
            console.Write(cells);
            if (summary.Rules.Count > 0)
            {
                var rules = new Table().Title("Rules that start or stop firing").AddColumns("rule", "fired before", "fired after", "starts", "stops");
                foreach (var rule in summary.Rules)
                    rules.AddRow(Plain(rule.Rule, Number(rule.FiredBefore), Number(rule.FiredAfter), Number(rule.Started), Number(rule.Stopped)));
                console.Write(rules);
            }
            console.WriteLine(CountLine(summary));
        }
        text.Flush();
    }

    public override void Dispose()
    {
        text.Dispose();
        base.Dispose();
    }

    private static Table NewPage() => new Table().Title("Referrals decided differently")
        .AddColumns("referral", "before", "after", "codes gained / lost", "rules started", "rules stopped");

    private void WritePage()
    {
        console.Write(page);
        text.Flush();
        page = NewPage();
    }

    /// <summary>Cells as text, not markup: a referral id is printed as given, brackets and all.</summary>
    private static Text[] Plain(params string[] cells) => Array.ConvertAll(cells, cell => new Text(cell));

    private static string Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } code ? WireCode.Of(code) : "-";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Signed(int value) => value == 0 ? "" : value.ToString("+0;-0", CultureInfo.InvariantCulture);
}
