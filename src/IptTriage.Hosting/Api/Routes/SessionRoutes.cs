using IptTriage.Api;
using IptTriage.Api.Security;
using IptTriage.Api.Security.Staff;
using IptTriage.Hosting.Api.Security;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IptTriage.Hosting.Api.Routes;

/// <summary><c>/api/session</c>: a person signs in with a staff account's username and password, asks who is signed
/// in (and for the antiforgery token), and signs out. The local host's only: on Azure people sign in with Microsoft
/// Entra ID (<c>docs/azure.md</c>), so these are not rows of <see cref="ApiRoutes"/>.</summary>
internal static class SessionRoutes
{
    public const string Template = "session";

    private static readonly AuthorizationPolicy SignedIn = new AuthorizationPolicyBuilder(StaffSessions.SchemeName).RequireAuthenticatedUser().Build();

    public static RouteGroupBuilder MapSessionRoutes(this RouteGroupBuilder api)
    {
        api.MapPost(Template, SignInAsync).AllowAnonymous().WithName("SignIn")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet(Template, ShowAsync).RequireAuthorization(SignedIn).WithName("GetSession");
        api.MapDelete(Template, (Delegate)SignOutAsync).RequireAuthorization(SignedIn).WithName("SignOut").Produces(StatusCodes.Status204NoContent);
        return api;
    }

    /// <param name="Username">The account's username.</param>
    /// <param name="Password">Never logged, echoed or kept.</param>
    public sealed record SignInRequest(string? Username, string? Password);

    /// <param name="CsrfToken">Send it as <c>X-CSRF-TOKEN</c> with every request that changes something.</param>
    public sealed record SessionView(string Username, string DisplayName, ApiRole Role, string? ClinicId, string CsrfToken);

    private static async Task<Results<NoContent, ProblemHttpResult>> SignInAsync(SignInRequest? body, HttpContext context, StaffSignIn signIn)
    {
        if (body is null) return ApiProblems.Invalid("$", "the body must be a JSON object with username and password");
        var now = StaffSessions.Clock(context.RequestServices).GetUtcNow();
        if (await signIn.SignInAsync(body.Username, body.Password, now, context.RequestAborted) is not { } account)
        {
            // One answer for an unknown user, a wrong password, a disabled or a locked account; it counts toward the
            // failed-authentication limit like an unknown key.
            return TypedResults.Problem("The username or password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused.");
        }
        await context.SignInAsync(StaffSessions.SchemeName, StaffSessions.Principal(account), new AuthenticationProperties { IsPersistent = false });
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SessionView>, UnauthorizedHttpResult>> ShowAsync(HttpContext context, IRecordStore accounts, IAntiforgery antiforgery)
    {
        if (StaffSessions.Username(context.User) is not { } username || await accounts.FindAccountAsync(username, context.RequestAborted) is not { } account)
            return TypedResults.Unauthorized();
        var caller = ApiCaller.From(context.User);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new SessionView(account.Username, account.DisplayName, caller.Role, caller.ClinicId, tokens.RequestToken!));
    }

    private static async Task<NoContent> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(StaffSessions.SchemeName);
        return TypedResults.NoContent();
    }
}
