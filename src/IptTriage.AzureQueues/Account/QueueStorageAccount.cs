namespace IptTriage.AzureQueues;

/// <summary>
/// A storage account's queue endpoint and Shared Key, parsed from an Azure Storage connection string.
/// <see cref="ToString"/> never shows the key.
/// </summary>
public sealed class QueueStorageAccount
{
    /// <summary>Azurite's and the Storage Emulator's published development account.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private QueueStorageAccount(string accountName, byte[] accountKey, Uri queueEndpoint)
    {
        AccountName = accountName;
        AccountKey = accountKey;
        QueueEndpoint = queueEndpoint;
    }

    public string AccountName { get; }

    public Uri QueueEndpoint { get; }

    internal byte[] AccountKey { get; }

    /// <summary>
    /// Accepts <c>UseDevelopmentStorage=true</c> (optionally with <c>DevelopmentStorageProxyUri</c>) and
    /// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…</c> with an optional <c>EndpointSuffix</c> or an
    /// explicit <c>QueueEndpoint</c>. Throws <see cref="FormatException"/> naming the missing or bad setting.
    /// </summary>
    public static QueueStorageAccount Parse(string connectionString)
    {
        var settings = ParseSettings(connectionString);
        if (settings.TryGetValue("UseDevelopmentStorage", out var development)
            && development.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            var proxy = settings.TryGetValue("DevelopmentStorageProxyUri", out var proxyUri)
                ? new Uri(proxyUri) : new Uri("http://127.0.0.1");
            return new QueueStorageAccount(
                DevelopmentAccountName,
                Convert.FromBase64String(DevelopmentAccountKey),
                new Uri($"{proxy.Scheme}://{proxy.Host}:10001/{DevelopmentAccountName}"));
        }

        var accountName = Required(settings, "AccountName");
        var key = DecodeKey(Required(settings, "AccountKey"));
        var endpoint = settings.TryGetValue("QueueEndpoint", out var explicitEndpoint)
            ? ParseEndpoint(explicitEndpoint)
            : new Uri($"{settings.GetValueOrDefault("DefaultEndpointsProtocol", "https")}://{accountName}.queue."
                + settings.GetValueOrDefault("EndpointSuffix", "core.windows.net"));
        return new QueueStorageAccount(accountName, key, endpoint);
    }

    public override string ToString() => $"{AccountName} at {QueueEndpoint}";

    private static Dictionary<string, string> ParseSettings(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException(
                    "Storage connection string: every part must be 'Name=value'; one part has no name or no '='.");
            }

            settings[part[..equals].Trim()] = part[(equals + 1)..].Trim();
        }

        return settings;
    }

    private static string Required(Dictionary<string, string> settings, string name) =>
        settings.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"Storage connection string: '{name}' is missing.");

    private static byte[] DecodeKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var written)
            ? buffer[..written]
            : throw new FormatException("Storage connection string: 'AccountKey' is not valid base64.");
    }

    private static Uri ParseEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException("Storage connection string: 'QueueEndpoint' is not an absolute http(s) URI.");
}
