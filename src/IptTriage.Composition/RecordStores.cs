using Azure.Identity;
using IptTriage.Records.Postgres;
using IptTriage.Workflow.Records;

namespace IptTriage.Composition;

/// <summary>The production record store, PostgreSQL (docs/records.md), as both hosts open it.</summary>
public static class RecordStores
{
    /// <summary>Set, the records live in this PostgreSQL database; the local host keeps them in SQLite otherwise, and
    /// the Functions app refuses to start without it.</summary>
    public const string PostgresConnectionStringSetting = "RecordStore:PostgresConnectionString";

    /// <summary>Signs in with Microsoft Entra ID when the connection string carries no password (the managed identity on Azure).</summary>
    public static IRecordStore OpenPostgres(string connectionString) =>
        PostgresRecordStore.OpenAsync(connectionString, new DefaultAzureCredential()).GetAwaiter().GetResult();
}
