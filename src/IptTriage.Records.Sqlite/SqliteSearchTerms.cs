using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>Keeps <c>referral_search</c> in step with the stored forms (<see cref="SearchTerms"/>).</summary>
internal static class SqliteSearchTerms
{
    private const int BackfillBatch = 500;

    /// <summary>Replaces the referral's terms with those of <paramref name="form"/>, in <paramref name="transaction"/>.</summary>
    public static async Task WriteAsync(SqliteConnection connection, SqliteTransaction transaction, string referralId, ReadOnlyMemory<byte> form, CancellationToken cancellationToken)
    {
        await using (var clear = SqliteCommands.Create(connection, "DELETE FROM referral_search WHERE referral_id = $id", ("$id", referralId)))
        {
            clear.Transaction = transaction;
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var insert = SqliteCommands.Create(connection, "INSERT OR IGNORE INTO referral_search (term, referral_id) VALUES ($term, $id)", ("$id", referralId), ("$term", ""));
        insert.Transaction = transaction;
        foreach (var term in SearchTerms.OfForm(form.Span))
        {
            insert.Parameters["$term"].Value = term;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Schema v6: the terms of every referral stored before it, read from their forms in id order, a batch at a time.</summary>
    public static async Task BackfillAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var batch = new List<(string Id, byte[] Form)>();
            await using (var read = SqliteCommands.Create(connection,
                "SELECT referral_id, form FROM referrals WHERE referral_id > $after ORDER BY referral_id LIMIT $batch", ("$after", after), ("$batch", BackfillBatch)))
            {
                read.Transaction = transaction;
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetString(0), (byte[])reader[1]));
            }
            foreach (var (id, form) in batch) await WriteAsync(connection, transaction, id, form, cancellationToken);
            if (batch.Count < BackfillBatch) return;
            after = batch[^1].Id;
        }
    }
}
