using System.Text;
using System.Text.Json;
using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Functions.Api;

/// <summary>A person the platform signed in, as <c>X-MS-CLIENT-PRINCIPAL</c> describes them.</summary>
/// <param name="Id">Stable and no email address: the Entra object id, or the Static Web App's user id.</param>
/// <param name="Username">What the person signs in with (often an email address): shown to them, never logged or audited.</param>
/// <param name="Roles">Every role the principal names, as given.</param>
public sealed record PlatformPerson(string Id, string Username, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>A person signed in with Microsoft Entra ID (<c>docs/azure.md</c>, "Staff sign-in" and "Web workspace"):
/// the platform validates the token or session and passes who it is in <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON),
/// stripping any copy a client sent. Two platforms set it, in two shapes: App Service Authentication for a bearer
/// token (<c>{"claims": [{"typ", "val"}], ...}</c>: the object id and the <c>roles</c> claims), and the web workspace's
/// Static Web App for its signed-in session (<c>{"identityProvider", "userId", "userDetails", "userRoles"}</c>, no
/// claims: its roles are the ones <see cref="SessionFunctions"/> gave it at sign-in). The header is trusted only when
/// <c>AppServiceAuthentication:Enabled</c> says authentication is on for the app; otherwise (a local Functions host,
/// say) anyone could send one.</summary>
/// <remarks>The person's role is the API role of the same name: <c>coordinator</c>, <c>supervisor</c>, <c>crisis</c>
/// or <c>clinic:&lt;clinicId&gt;</c>; exactly one, or none is taken (no rule could say which of two a person means).
/// The audit trail names them <c>user:&lt;id&gt;</c>.</remarks>
/// <param name="enabled">The value of <see cref="EnabledSetting"/>.</param>
public sealed class AppServicePrincipal(bool enabled, ClinicDirectory clinics)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    public const string EnabledSetting = "AppServiceAuthentication:Enabled";

    /// <summary>The authentication type of a signed-in person's principal (<see cref="ApiCaller.ToPrincipal"/>).</summary>
    public const string SchemeName = "AppServiceAuthentication";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>The role claim types Entra ID tokens carry app roles as (App Service passes either).</summary>
    public static readonly string[] RoleClaimTypes = ["roles", "http://schemas.microsoft.com/ws/2008/06/identity/claims/role"];

    /// <summary>Whether the request carries a principal this app trusts: a person, who may hold no usable role.</summary>
    public bool Presents(HttpRequest request) => enabled && request.Headers[HeaderName].ToString().Length > 0;

    /// <returns>The caller the principal's role and id make; null when it has no id, or not exactly one staff role.</returns>
    public ApiCaller? Find(HttpRequest request) => Person(request) is { } person ? Caller(person) : null;

    /// <returns>Null when the request presents no trusted principal, or one that cannot be read or has no id.</returns>
    public PlatformPerson? Person(HttpRequest request) => Presents(request) ? Read(request.Headers[HeaderName].ToString()) : null;

    /// <returns>Null unless the person holds exactly one staff role (<see cref="StaffRoles"/>).</returns>
    public ApiCaller? Caller(PlatformPerson person) => StaffRoles(person.Roles) is [var role]
        && ApiCaller.ParseRole(role) is var (apiRole, clinicId)
        ? new ApiCaller(apiRole, Actors.User(person.Id), clinicId)
        : null;

    /// <summary>The distinct role names that are a person's role in this API: <c>coordinator</c>, <c>supervisor</c>,
    /// <c>crisis</c>, or <c>clinic:&lt;clinicId&gt;</c> of a clinic in the directory (<c>intake</c> is a machine's).</summary>
    public IReadOnlyList<string> StaffRoles(IEnumerable<string> roleNames) =>
        [.. roleNames.Distinct(StringComparer.Ordinal).Where(name => ApiCaller.ParseRole(name) switch
        {
            (ApiRole.Intake, _) or null => false,
            (ApiRole.Clinic, var clinicId) => clinics.Find(clinicId!) is not null,
            _ => true,
        })];

    private static PlatformPerson? Read(string header)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            var root = document.RootElement;
            return root.TryGetProperty("userRoles", out var userRoles) ? FromStaticWebApp(root, userRoles) : FromAppService(root);
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }

    private static PlatformPerson? FromAppService(JsonElement root)
    {
        var claims = root.GetProperty("claims").EnumerateArray()
            .Select(claim => (Type: claim.GetProperty("typ").GetString() ?? "", Value: claim.GetProperty("val").GetString() ?? "")).ToList();
        string? Claim(params string[] types) => claims.FirstOrDefault(claim => types.Contains(claim.Type)).Value;
        var username = Claim("preferred_username", "name") ?? "";
        return Id(Claim(ObjectIdClaim, "oid")) is { } id
            ? new PlatformPerson(id, username, Claim("name") ?? username, [.. claims.Where(claim => RoleClaimTypes.Contains(claim.Type)).Select(claim => claim.Value)])
            : null;
    }

    /// <summary>The Static Web App's own roles <c>anonymous</c> and <c>authenticated</c> are every signed-in person's
    /// and name no API role, so they fall out in <see cref="StaffRoles"/>.</summary>
    private static PlatformPerson? FromStaticWebApp(JsonElement root, JsonElement userRoles)
    {
        var username = root.TryGetProperty("userDetails", out var details) ? details.GetString() ?? "" : "";
        return Id(root.GetProperty("userId").GetString()) is { } id
            ? new PlatformPerson(id, username, username, [.. userRoles.EnumerateArray().Select(role => role.GetString() ?? "")])
            : null;
    }

    /// <summary>Both platforms' ids are GUIDs (the Static Web App's may come without hyphens); anything else is refused
    /// rather than written into the audit trail.</summary>
    private static string? Id(string? value) => Guid.TryParse(value, out _) ? value!.ToLowerInvariant() : null;
}
