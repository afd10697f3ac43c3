using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IptTriage.AzureQueues;

/// <summary>
/// Where the queue service is and how to authenticate to it: a connection string (Azurite, tests) or a service URI
/// with an Entra ID credential (production, managed identity). Shows neither key nor connection string.
/// </summary>
public sealed class QueueConnection
{
    /// <summary>The project's own section, read first.</summary>
    public const string SectionName = "AzureQueues";

    /// <summary>Read when <see cref="SectionName"/> names no service: what a Functions host (and its Bicep) sets.</summary>
    public const string FunctionsSectionName = "AzureWebJobsStorage";

    private readonly string? connectionString;

    private QueueConnection(string source, string? connectionString, Uri? serviceUri, TokenCredential? credential)
    {
        Source = source;
        this.connectionString = connectionString;
        ServiceUri = serviceUri;
        Credential = credential;
    }

    /// <summary>The setting it was read from, such as <c>AzureWebJobsStorage:accountName</c>; never its value.</summary>
    public string Source { get; }

    /// <summary>The queue service endpoint when signing in with <see cref="Credential"/>; null for a connection string.</summary>
    public Uri? ServiceUri { get; }

    public TokenCredential? Credential { get; }

    public static QueueConnection FromConnectionString(string connectionString) =>
        new("connection string", connectionString, null, null);

    /// <summary>From <c>AzureQueues</c>, else <c>AzureWebJobsStorage</c>; null when neither names a queue service.</summary>
    public static QueueConnection? FromConfiguration(IConfiguration configuration) =>
        FromSection(configuration.GetSection(SectionName)) ?? FromSection(configuration.GetSection(FunctionsSectionName));

    public override string ToString() => $"queue service from {Source}";

    /// <summary>
    /// A client whose messages are base64 of UTF-8, as the Functions queue trigger reads and writes them. A received
    /// message that is not base64 is moved, unchanged, to its queue's poison queue and left out of the batch, as the
    /// trigger does, instead of failing the whole receive. <paramref name="configure"/> may tune retries or the
    /// pipeline; it cannot change the encoding.
    /// </summary>
    public QueueServiceClient CreateClient(ILogger logger, Action<QueueClientOptions>? configure = null)
    {
        var raw = CreateClient(QueueMessageEncoding.None, configure);
        return CreateClient(QueueMessageEncoding.Base64, options =>
        {
            configure?.Invoke(options);
            options.MessageDecodingFailed += new UndecodableMessages(raw, logger).MoveToPoisonAsync;
        });
    }

    private QueueServiceClient CreateClient(QueueMessageEncoding encoding, Action<QueueClientOptions>? configure)
    {
        var options = new QueueClientOptions();
        configure?.Invoke(options);
        options.MessageEncoding = encoding;
        return connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri, Credential, options);
    }

    private static QueueConnection? FromSection(IConfigurationSection section)
    {
        // A value on the section itself is a connection string: AzureWebJobsStorage=UseDevelopmentStorage=true.
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new QueueConnection(section.Path, section.Value, null, null);
        }

        var settings = section.Get<QueueConnectionSettings>() ?? new QueueConnectionSettings();
        if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
        {
            return new QueueConnection(
                $"{section.Path}:{nameof(settings.ConnectionString)}", settings.ConnectionString, null, null);
        }

        // The Functions host's order: an account name wins over an explicit service URI.
        if (!string.IsNullOrWhiteSpace(settings.AccountName))
        {
            return new QueueConnection(
                $"{section.Path}:accountName",
                null,
                new Uri($"https://{settings.AccountName}.queue.core.windows.net"),
                CredentialFor(settings));
        }

        return settings.QueueServiceUri is { } serviceUri
            ? new QueueConnection($"{section.Path}:queueServiceUri", null, serviceUri, CredentialFor(settings))
            : null;
    }

    private static TokenCredential CredentialFor(QueueConnectionSettings settings)
    {
        var clientId = string.IsNullOrWhiteSpace(settings.ClientId) ? null : settings.ClientId;
        if (string.Equals(settings.Credential, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            // As the Functions host reads __credential=managedidentity: that identity only, no developer fallbacks.
            return new ManagedIdentityCredential(
                clientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }
}
