using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using Spectre.Console;

namespace IptTriage.Cli.Commands.Run;

/// <summary>Where one referral ended up; ids and codes only.</summary>
/// <param name="EngineFailed">Its orchestration failed (a bug or a broken store): the status is where it stopped.</param>
/// <param name="WasPlaced">A clinic accepted it, whatever came after (a discharge, a close).</param>
/// <param name="PlacedAfterWaiting">It was accepted after waiting unplaced: a slot freed and it was offered it (or a
/// coordinator chose a clinic).</param>
public sealed record ReferralOutcome(string ReferralId, ReferralStatus Status, string? Service, string? ClinicId, int EmailsSent, bool EngineFailed,
    bool WasPlaced = false, bool PlacedAfterWaiting = false)
{
    public static async Task<ReferralOutcome> ReadAsync(IRecordStore records, string referralId, bool engineFailed, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(referralId, cancellationToken)
            ?? throw new InvalidOperationException($"Referral '{referralId}' was taken in but is not in the record store.");
        var emails = (await records.ListNotificationsAsync(referralId, cancellationToken)).Count(email => email.State == DeliveryState.Sent);
        var steps = (await records.ReadAuditAsync(referralId, cancellationToken)).Select(entry => entry.Step).ToList();
        var accepted = steps.IndexOf(AuditStep.ClinicAccepted);
        var unplaced = steps.IndexOf(AuditStep.Unplaced);
        return new ReferralOutcome(referralId, record.Status, ServiceOf(record.Routing), record.ClinicId, emails, engineFailed,
            WasPlaced: accepted >= 0, PlacedAfterWaiting: accepted >= 0 && unplaced >= 0 && unplaced < accepted);
    }

    // An alternative's service is its modality; otherwise the pathway.
    private static string? ServiceOf(Routing? routing) => routing switch
    {
        null => null,
        { Pathway: Pathway.Alternative, Modality: { } modality } => WireCode.Of(modality),
        _ => WireCode.Of(routing.Pathway),
    };
}

/// <summary>The table printed at the end of a run, its totals, and where the data went.</summary>
public static class RunSummary
{
    public static void Write(IAnsiConsole console, IReadOnlyList<ReferralOutcome> outcomes, RunLocations locations)
    {
        var table = new Table().AddColumns("referral", "status", "pathway", "clinic", "emails");
        foreach (var outcome in outcomes)
        {
            var status = WireCode.Of(outcome.Status) + (outcome.EngineFailed ? " (engine failure)" : "");
            table.AddRow(
                new Text(outcome.ReferralId),
                new Text(status, StyleOf(outcome)),
                new Text(outcome.Service ?? "-"),
                new Text(outcome.ClinicId ?? "-"),
                new Text(outcome.EmailsSent.ToString()));
        }
        console.Write(table);

        var byStatus = outcomes.CountBy(outcome => outcome.Status).OrderBy(count => count.Key)
            .Select(count => $"{count.Value} {WireCode.Of(count.Key)}");
        console.WriteLine($"{outcomes.Count} referral{(outcomes.Count == 1 ? "" : "s")}: {string.Join(", ", byStatus)}; "
            + $"{outcomes.Sum(outcome => outcome.EmailsSent)} emails sent");
        console.WriteLine($"placed with a clinic: {outcomes.Count(outcome => outcome.WasPlaced)} "
            + $"({outcomes.Count(outcome => outcome.PlacedAfterWaiting)} re-placed after waiting unplaced); "
            + $"discharged: {outcomes.Count(outcome => outcome.Status == ReferralStatus.Discharged)}; "
            + $"still unplaced: {outcomes.Count(outcome => outcome.Status == ReferralStatus.Unplaced)}");
        console.WriteLine();
        console.WriteLine($"outbox:   {locations.Outbox} ({CountEmails(locations.Outbox)} .eml files)");
        console.WriteLine($"records:  {locations.Records}");
        console.WriteLine($"workflow: {locations.Durable}");
    }

    private static Style StyleOf(ReferralOutcome outcome) => outcome switch
    {
        { EngineFailed: true } or { Status: ReferralStatus.Invalid } => new Style(Color.Magenta1),
        { Status: ReferralStatus.Placed or ReferralStatus.Discharged } => new Style(Color.Green),
        { Status: ReferralStatus.Emergency } => new Style(Color.Red, decoration: Decoration.Bold),
        { Status: ReferralStatus.AwaitingReview or ReferralStatus.AwaitingClinic or ReferralStatus.Unplaced } => new Style(Color.Yellow),
        _ => Style.Plain,
    };

    private static int CountEmails(string outbox) =>
        Directory.Exists(outbox) ? Directory.EnumerateFiles(outbox, "*.eml").Count() : 0;
}

/// <param name="Outbox">Where emails are written when no SendGrid key is configured.</param>
public sealed record RunLocations(string Outbox, string Records, string Durable);
