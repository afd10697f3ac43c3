using Microsoft.AspNetCore.Http;

namespace IptTriage.Hosting.Workspace;

/// <summary>The headers every answer of the local host carries (docs/workspace.md, "Security"): nothing is cached
/// unless it says so (personal data in an API answer must not outlive the page in a shared browser's cache), a
/// content security policy that lets only the workspace's own files run and be fetched, no framing, no sniffing and
/// no referrer (a case page's address names the referral). The Static Web App sets the same (staticwebapp.config.json).</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; "
        + "manifest-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.CacheControl = headers.CacheControl.Count == 0 ? "no-store" : headers.CacheControl;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
