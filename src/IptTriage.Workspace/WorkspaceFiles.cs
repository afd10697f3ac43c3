namespace IptTriage.Workspace;

/// <summary>Where the workspace's files are and which paths are its pages. Every page path serves the same
/// <see cref="ShellFile"/>, which holds no personal data: the script reads the API for what it shows.</summary>
public static class WorkspaceFiles
{
    /// <summary>The folder the build copies <c>wwwroot</c> to, beside the executable.</summary>
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "workspace");

    public const string ShellFile = "index.html";

    /// <summary>The Azure Static Web App's configuration (routes, sign-in, headers there), in the folder because the
    /// Static Web App reads it from its content; <c>iptriage serve</c> does not serve it.</summary>
    public const string StaticWebAppConfigFile = "staticwebapp.config.json";

    public static bool IsPlatformFile(string? requestPath) =>
        string.Equals(requestPath, "/" + StaticWebAppConfigFile, StringComparison.OrdinalIgnoreCase);

    /// <summary>The workspace's page routes. Ids in them are referral and clinic ids, never a person's data; a search
    /// travels in a request body.</summary>
    public static IReadOnlyList<string> Pages { get; } = ["/", "/sign-in", "/worklist", "/cases/{id}", "/clinics", "/policy/what-if"];
}
