using IptTriage.Workflow.Records;
using Npgsql;
using static IptTriage.Records.Postgres.PostgresCommands;

namespace IptTriage.Records.Postgres;

/// <summary>Keeps <c>referral_search</c> in step with the stored forms (<see cref="SearchTerms"/>).</summary>
internal static class PostgresSearchTerms
{
    private const int BackfillBatch = 500;

    /// <summary>Schema v6: the terms of every referral stored before it, read from their forms in id order, a batch at
    /// a time, on the migration's connection (and so in its transaction).</summary>
    public static async Task BackfillAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var batch = new List<(string Id, byte[] Form)>();
            await using (var read = connection.Command("SELECT referral_id, form FROM referrals WHERE referral_id > @after ORDER BY referral_id LIMIT @batch",
                Arg("after", after), Arg("batch", BackfillBatch)))
            {
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) batch.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
            }
            var rows = batch.SelectMany(referral => SearchTerms.OfForm(referral.Form).Select(term => (Term: term, referral.Id))).ToList();
            await using (var insert = connection.Command(
                "INSERT INTO referral_search (term, referral_id) SELECT * FROM unnest(@terms, @ids) ON CONFLICT DO NOTHING",
                Arg("terms", rows.Select(row => row.Term).ToArray()), Arg("ids", rows.Select(row => row.Id).ToArray())))
                await insert.ExecuteNonQueryAsync(cancellationToken);
            if (batch.Count < BackfillBatch) return;
            after = batch[^1].Id;
        }
    }
}
