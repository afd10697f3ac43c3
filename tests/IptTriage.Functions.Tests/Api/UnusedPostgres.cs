namespace IptTriage.Functions.Tests.Api;

/// <summary>The app refuses to start without a PostgreSQL connection string, and opens the store only on first use; the
/// tests register a real SQLite record store in its place, so this one is never opened (the name cannot resolve).</summary>
internal static class UnusedPostgres
{
    public static KeyValuePair<string, string?> Setting { get; } =
        new(Composition.RecordStores.PostgresConnectionStringSetting, "Host=postgres.invalid;Database=never-opened");
}
