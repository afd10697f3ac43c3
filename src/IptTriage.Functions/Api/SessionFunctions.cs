using IptTriage.Api;
using IptTriage.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IptTriage.Functions.Api;

/// <summary>The web workspace's session on Azure (<c>docs/azure.md</c>, "Web workspace"): who the platform signed in,
/// and, for the Static Web App, which of a person's Entra app roles are theirs here. Not rows of <see cref="ApiRoutes"/>
/// (the local host has its own password sessions at the same path); <see cref="ApiKeyMiddleware"/> lets them through,
/// as each answers from the platform's principal or its own body and from nothing a key could grant.</summary>
public sealed class SessionFunctions(AppServicePrincipal people)
{
    public const string GetSession = nameof(GetSession), AssignSessionRoles = nameof(AssignSessionRoles);

    public const string SessionRoute = ApiRoutes.Prefix + "/session", RolesRoute = ApiRoutes.Prefix + "/session/roles";

    /// <summary>The platform's sign-out (the Static Web App's, and App Service Authentication's): it ends the session there.</summary>
    public const string SignOutUrl = "/.auth/logout";

    public static IReadOnlyList<string> Names { get; } = [GetSession, AssignSessionRoles];

    /// <param name="CsrfToken">Always null, and so left out of the JSON: there is no antiforgery token on Azure. A person's change must be JSON
    /// (<see cref="ApiKeyMiddleware"/>), which a page on another site cannot send with the session cookie without a
    /// CORS preflight the app never admits.</param>
    public sealed record SessionView(string Username, string DisplayName, ApiRole Role, string? ClinicId, string? CsrfToken, string SignOutUrl);

    /// <summary>What the Static Web App sends its roles source after each sign-in (its <c>claims</c> are the token's).</summary>
    public sealed record RolesRequest(IReadOnlyList<ClaimEntry>? Claims);

    public sealed record ClaimEntry(string? Typ, string? Val);

    public sealed record RolesAnswer(IReadOnlyList<string> Roles);

    /// <summary>401 without a signed-in person; 403 for one who holds no staff role, or several.</summary>
    [Function(GetSession)]
    public Task<IActionResult> ShowAsync([HttpTrigger(HttpFunctions.Access, ApiRoutes.Get, Route = SessionRoute)] HttpRequest request) =>
        ApiResults.RunAsync(() => Task.FromResult(Show(request)));

    /// <summary>The Static Web App's <c>rolesSource</c> (staticwebapp.config.json): it calls this after each sign-in
    /// with the Entra token's claims and gives the person the roles answered, which it then passes to every function
    /// in <c>userRoles</c>. The answer is the app roles that are staff roles here (<see cref="AppServicePrincipal.StaffRoles"/>);
    /// whether there is exactly one is checked on each call, where a person's roles are used. The answer is worked out
    /// from the body alone, so a caller learns nothing it did not send but which clinic ids the directory holds.</summary>
    [Function(AssignSessionRoles)]
    public Task<IActionResult> AssignRolesAsync([HttpTrigger(HttpFunctions.Access, ApiRoutes.Post, Route = RolesRoute)] HttpRequest request) =>
        ApiResults.RunAsync<RolesRequest>(request, body => Task.FromResult<IResult>(TypedResults.Ok(new RolesAnswer(people.StaffRoles(
            (body.Claims ?? []).Where(claim => AppServicePrincipal.RoleClaimTypes.Contains(claim.Typ)).Select(claim => claim.Val ?? ""))))));

    private IResult Show(HttpRequest request)
    {
        if (people.Person(request) is not { } person) return ApiProblems.Unauthorized();
        if (people.Caller(person) is not { } caller)
        {
            return TypedResults.Problem(
                "The account signed in holds no role in IptTriage, or more than one. An administrator assigns each person exactly one app role.",
                statusCode: StatusCodes.Status403Forbidden);
        }
        return TypedResults.Ok(new SessionView(person.Username, person.DisplayName, caller.Role, caller.ClinicId, CsrfToken: null, SignOutUrl));
    }
}
