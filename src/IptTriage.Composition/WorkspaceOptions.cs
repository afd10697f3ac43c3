using IptTriage.Workflow;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Composition;

/// <summary><c>Workspace:BaseUrl</c>: the public address of the web workspace, where every link in a staff email
/// points (<c>{BaseUrl}cases/{referralId}</c>). <c>iptriage serve</c> defaults it to where it listens; the Functions
/// app is given it by its settings (<c>Workspace__BaseUrl</c>).</summary>
public static class WorkspaceOptions
{
    public const string SectionName = "Workspace";

    public const string BaseUrl = nameof(BaseUrl);

    /// <summary>The configuration key, <c>Workspace:BaseUrl</c>.</summary>
    public const string BaseUrlKey = SectionName + ":" + BaseUrl;

    /// <summary>Before the workspace had a setting of its own, links were built from this one; still read when
    /// <c>Workspace:BaseUrl</c> is not set, so an existing deployment keeps its links.</summary>
    public const string LegacyBaseUrlKey = "Workflow:PublicBaseUri";

    /// <summary>Sets <paramref name="workflow"/>'s workspace address from <paramref name="configuration"/>, if given.</summary>
    /// <exception cref="FormatException">The configured address is not an absolute http(s) URL.</exception>
    public static WorkflowOptions Configure(WorkflowOptions workflow, IConfiguration configuration)
    {
        var (key, value) = configuration[BaseUrlKey] is { Length: > 0 } url ? (BaseUrlKey, url) : (LegacyBaseUrlKey, configuration[LegacyBaseUrlKey]);
        if (string.IsNullOrEmpty(value)) return workflow;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
            throw new FormatException($"{key} must be an absolute http or https URL, such as https://triage.example.org/.");
        workflow.WorkspaceBaseUrl = baseUrl;
        return workflow;
    }

    /// <summary>The address <c>serve</c> is reached at, from the first of its <c>--urls</c>: a wildcard host (<c>*</c>,
    /// <c>+</c>, <c>0.0.0.0</c>, <c>[::]</c>) is reached as <c>localhost</c>. Null when it cannot be read (then the
    /// default stands; set <c>Workspace:BaseUrl</c>).</summary>
    public static string? FromListeningAddress(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        var wildcard = first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        return Uri.TryCreate(wildcard, UriKind.Absolute, out var address) && address.Scheme is "http" or "https"
            ? new UriBuilder(address.Scheme, address.Host, address.Port, address.AbsolutePath).Uri.AbsoluteUri
            : null;
    }
}
