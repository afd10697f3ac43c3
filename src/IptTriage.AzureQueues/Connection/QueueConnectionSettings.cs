namespace IptTriage.AzureQueues;

/// <summary>
/// One configuration section's say on where the queue service is and how to sign in, in the Azure Functions host's
/// vocabulary for a storage connection (<c>AzureWebJobsStorage__accountName</c>, <c>__queueServiceUri</c>,
/// <c>__credential</c>, <c>__clientId</c>), so the settings written for the Functions app work here unchanged.
/// </summary>
public sealed class QueueConnectionSettings
{
    /// <summary>A storage connection string (account key or SAS); Azurite's is <c>UseDevelopmentStorage=true</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>An account on the public cloud: the service is <c>https://&lt;name&gt;.queue.core.windows.net</c>.</summary>
    public string? AccountName { get; set; }

    /// <summary>The queue service's endpoint, for any cloud; used when <see cref="AccountName"/> is not set.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary><c>managedidentity</c> signs in as the app's managed identity only; anything else (or nothing) uses
    /// <c>DefaultAzureCredential</c>, which also finds a developer's Azure CLI or Visual Studio sign-in.</summary>
    public string? Credential { get; set; }

    /// <summary>The client id of a user-assigned managed identity; none means the system-assigned one.</summary>
    public string? ClientId { get; set; }
}
