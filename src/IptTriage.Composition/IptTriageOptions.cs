using Microsoft.Extensions.Configuration;

namespace IptTriage.Composition;

/// <summary>Where an installation keeps its data and finds its policy and clinics. Bound from <c>IptTriage</c>.</summary>
public sealed class IptTriageOptions
{
    public const string SectionName = "IptTriage";

    public static IptTriageOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<IptTriageOptions>() ?? new IptTriageOptions();

    /// <summary>Holds records.db, durable.db, the outbox and the audit hash key.</summary>
    public string DataDirectory { get; set; } = ".iptriage";

    /// <summary>A clinic's own policy file; the bundled default when empty.</summary>
    public string? PolicyPath { get; set; }

    public string ClinicsPath { get; set; } = Path.Combine(AppContext.BaseDirectory, "samples", "clinics.json");

    /// <summary>Base64 key for hashing addresses in the audit trail. Without one, a random key is created once in the
    /// data directory, so hashes stay comparable across restarts.</summary>
    public string? AuditHashKey { get; set; }

    public string RecordsPath => Path.Combine(DataDirectory, "records.db");

    public string DurablePath => Path.Combine(DataDirectory, "durable.db");

    public string OutboxPath => Path.Combine(DataDirectory, "outbox");

    /// <summary>Where the generated key is kept when <see cref="AuditHashKey"/> is not set.</summary>
    public string AuditHashKeyPath => Path.Combine(DataDirectory, "audit-hash.key");
}
