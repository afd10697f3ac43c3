using System.Security.Claims;
using IptTriage.Api.Security;
using IptTriage.Api.Security.Staff;
using IptTriage.Composition;
using IptTriage.Hosting.Data;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IptTriage.Hosting.Api.Security;

/// <summary>How people sign in to the local host (<c>docs/api.md</c> "Signing in"): a session cookie (HttpOnly,
/// SameSite=Strict, Secure over HTTPS, sliding expiry) over a staff account, checked against the account on every
/// request so that a disabled account or a reset password ends it; antiforgery tokens for what a session changes.
/// A request with <c>X-Api-Key</c> is a machine's and is authenticated by its key alone.</summary>
public static class StaffSessions
{
    /// <summary>The cookie's scheme, and the authentication type of a signed-in person's principal.</summary>
    public const string SchemeName = "Session";

    /// <summary>The default scheme: the key's when the request carries one, the session cookie's otherwise.</summary>
    public const string KeyOrSessionScheme = "ApiKeyOrSession";

    public const string CookieName = "iptriage.session";

    public const string AntiforgeryHeaderName = "X-CSRF-TOKEN";

    /// <summary>The folder in the data directory holding the keys that sign session cookies.</summary>
    public const string KeysFolderName = "session-keys";

    private const string UsernameClaim = "iptriage:username";
    private const string SecurityStampClaim = "iptriage:security-stamp";

    /// <summary>The schemes (the default is <see cref="KeyOrSessionScheme"/>), antiforgery, and the sign-in service.</summary>
    public static AuthenticationBuilder AddStaffSessions(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        var services = authentication.Services;
        var options = (configuration.GetSection(SignInOptions.SectionName).Get<SignInOptions>() ?? new SignInOptions()).Validated();
        services.AddSingleton(options).AddSingleton(provider => new StaffSignIn(provider.GetRequiredService<IRecordStore>(), options));
        // Kept in the data directory, so sessions outlive a restart; the directory is the owner's only.
        var keys = Path.Combine(IptTriageOptions.Read(configuration).DataDirectory, KeysFolderName);
        services.AddDataProtection().SetApplicationName("iptriage").PersistKeysToFileSystem(OwnerOnly(keys));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryHeaderName;
            antiforgery.Cookie.Name = "iptriage.antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return authentication
            .AddPolicyScheme(KeyOrSessionScheme, "API key or session", scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyring.HeaderName) ? ApiKeyring.SchemeName : SchemeName)
            .AddCookie(SchemeName, cookie =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = options.IdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events = new CookieAuthenticationEvents
                {
                    // An API answers with a status, never a redirect to a login page.
                    OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateAgainstAccountAsync,
                };
            });
    }

    /// <summary>The principal a session carries for <paramref name="account"/>: its caller, and the stamp it was issued under.</summary>
    public static ClaimsPrincipal Principal(StaffAccount account)
    {
        var principal = StaffAccountRules.Caller(account).ToPrincipal(SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaims([new Claim(UsernameClaim, account.Username), new Claim(SecurityStampClaim, account.SecurityStamp)]);
        return principal;
    }

    public static string? Username(ClaimsPrincipal user) => user.FindFirstValue(UsernameClaim);

    public static bool IsSession(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: SchemeName };

    /// <summary>The sessions' clock: the cookie handler's, so lockouts and expiry read the same time.</summary>
    public static TimeProvider Clock(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(SchemeName).TimeProvider ?? TimeProvider.System;

    private static async Task ValidateAgainstAccountAsync(CookieValidatePrincipalContext context)
    {
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IRecordStore>();
        var account = Username(context.Principal!) is { } username ? await accounts.FindAccountAsync(username, context.HttpContext.RequestAborted) : null;
        if (account is { Disabled: false } && account.SecurityStamp == context.Principal!.FindFirstValue(SecurityStampClaim)
            && ApiCaller.From(context.Principal!) == StaffAccountRules.Caller(account))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(SchemeName);
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    private static DirectoryInfo OwnerOnly(string path)
    {
        PrivateDataDirectory.Secure(path);
        return new DirectoryInfo(path);
    }
}
