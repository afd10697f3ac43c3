using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Hosting.Api.Security;

/// <summary>The local host's key check and role policies for a host without ASP.NET Core authorization (the Azure
/// Functions app): no or an unknown <c>X-Api-Key</c> is 401, a role the policy does not admit is 403.</summary>
public sealed class ApiKeyGate(ApiKeyring keyring)
{
    public (ApiCaller? Caller, ProblemHttpResult? Problem) Admit(HttpRequest request, string policy)
    {
        var presented = request.Headers[ApiKeyAuthenticationHandler.HeaderName].ToString();
        if (presented.Length == 0 || keyring.Find(presented) is not { } caller) return (null, ApiProblems.Unauthorized());
        return ApiPolicies.Admits(policy, caller) ? (caller, null) : (null, ApiProblems.Forbidden());
    }
}
