using System.Text.Encodings.Web;
using IptTriage.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IptTriage.Hosting.Api.Security;

/// <summary>Authenticates the <c>X-Api-Key</c> header against the keyring. The key itself is never logged or echoed.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyring keyring)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyring.HeaderName, out var presented) || string.IsNullOrEmpty(presented))
            return Task.FromResult(AuthenticateResult.NoResult());

        return Task.FromResult(keyring.Find(presented.ToString()) is { } caller
            ? AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(ApiKeyring.SchemeName), ApiKeyring.SchemeName))
            : AuthenticateResult.Fail("unknown API key"));
    }
}
