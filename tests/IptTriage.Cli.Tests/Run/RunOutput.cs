using IptTriage.Testing;
using IptTriage.Cli.Tests.Support;
using IptTriage.Records.Sqlite;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Cli.Tests.Run;

/// <summary>One row of <c>iptriage run</c>'s summary table.</summary>
public sealed record SummaryRow(string ReferralId, string Status, string Pathway, string Clinic, int Emails);

/// <summary>What an <c>iptriage run</c> printed and left in its data folder, read back through the real stores.</summary>
public sealed class RunOutput(CliResult result, string dataDirectory)
{
    public CliResult Result => result;

    public string DataDirectory => dataDirectory;

    /// <summary>The summary table's rows by referral id (the table is drawn with box characters, cells between '│').</summary>
    public IReadOnlyDictionary<string, SummaryRow> Summary { get; } = result.Stdout.Split('\n')
        .Select(line => line.Split('│', StringSplitOptions.TrimEntries))
        .Where(cells => cells.Length == 7 && cells[1] != "referral")
        .Select(cells => new SummaryRow(cells[1], cells[2], cells[3], cells[4], int.Parse(cells[5])))
        .ToDictionary(row => row.ReferralId);

    public string[] OutboxFiles => Directory.Exists(Path.Combine(dataDirectory, "outbox"))
        ? Directory.GetFiles(Path.Combine(dataDirectory, "outbox"), "*.eml")
        : [];

    public Task<ReferralRecord?> RecordAsync(string referralId) => WithStoreAsync(store => store.FindAsync(referralId));

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(string referralId) => WithStoreAsync(store => store.ReadAuditAsync(referralId));

    public static RunOutput Run(string dataDirectory, params string[] args) =>
        new(InProcessCli.Run(["run", "--data", dataDirectory, .. args]), dataDirectory);

    private async Task<T> WithStoreAsync<T>(Func<SqliteRecordStore, Task<T>> read)
    {
        var store = await SqliteRecordStore.OpenAsync(Path.Combine(dataDirectory, "records.db"));
        try
        {
            return await read(store);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }
}
