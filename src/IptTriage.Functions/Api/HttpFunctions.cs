using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>What the Functions host asks of an HTTP call before the app sees it.</summary>
internal static class HttpFunctions
{
    /// <summary>No function key: the web workspace's Static Web App forwards a browser's call to its linked Functions
    /// app without one (it has none to give, and a key in the workspace's files would be no secret), so a trigger
    /// that wants a key answers the workspace 401. Every call is still checked before a function runs, by
    /// <see cref="ApiKeyMiddleware"/>: an <c>X-Api-Key</c>, or a person the platform signed in; otherwise 401.</summary>
    public const AuthorizationLevel Access = AuthorizationLevel.Anonymous;
}
