using IptTriage.Composition;
using IptTriage.Hosting.Data;
using IptTriage.Records.Sqlite;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Cli.Commands.Users;

/// <summary>The record store and clinic directory <c>iptriage serve</c> would use, configured as it is
/// (<c>appsettings.json</c> next to the executable, then <c>IPTRIAGE_</c> environment variables, then <c>--data</c>):
/// the SQLite file in the data directory, or PostgreSQL when <c>RecordStore:PostgresConnectionString</c> is set. A
/// running <c>serve</c> may hold the directory: both write the store safely at once.</summary>
internal static class AccountStore
{
    public static async Task<(IRecordStore Store, ClinicDirectory Clinics)> OpenAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("IPTRIAGE_")
            .AddInMemoryCollection(dataDirectory is null ? [] : [new($"{IptTriageOptions.SectionName}:DataDirectory", dataDirectory)])
            .Build();
        var options = IptTriageOptions.Read(configuration);
        var clinics = LoadClinics(options.ClinicsPath);
        if (configuration[RecordStores.PostgresConnectionStringSetting] is { Length: > 0 } connectionString)
            return (RecordStores.OpenPostgres(connectionString), clinics);
        PrivateDataDirectory.Secure(options.DataDirectory);
        PrivateDataDirectory.CreateFile(options.RecordsPath);
        return (await SqliteRecordStore.OpenAsync(options.RecordsPath, cancellationToken), clinics);
    }

    private static ClinicDirectory LoadClinics(string path)
    {
        using var file = File.OpenRead(path);
        return ClinicDirectory.Load(file, path);
    }
}
