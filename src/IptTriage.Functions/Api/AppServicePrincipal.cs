using System.Text;
using System.Text.Json;
using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Functions.Api;

/// <summary>A person signed in with Microsoft Entra ID through App Service Authentication (<c>docs/azure.md</c>
/// "Staff sign-in"): the platform validates the token or session and passes who it is in <c>X-MS-CLIENT-PRINCIPAL</c>
/// (base64 JSON of the token's claims), stripping any copy a client sent. That is only so when authentication is on
/// for the app, so the header is read only when <c>AppServiceAuthentication:Enabled</c> says it is; otherwise
/// (a local Functions host, say) anyone could send one.</summary>
/// <remarks>The person's app role (the token's <c>roles</c>) is the API role of the same name: <c>coordinator</c>,
/// <c>supervisor</c>, <c>crisis</c> or <c>clinic:&lt;clinicId&gt;</c>; exactly one. The audit trail names them
/// <c>user:&lt;object id&gt;</c>: the object id is stable and is no email address, which a username in Entra often is.</remarks>
/// <param name="enabled">The value of <see cref="EnabledSetting"/>.</param>
public sealed class AppServicePrincipal(bool enabled, ClinicDirectory clinics)
{
    public const string HeaderName = "X-MS-CLIENT-PRINCIPAL";

    public const string EnabledSetting = "AppServiceAuthentication:Enabled";

    /// <summary>The authentication type of a signed-in person's principal (<see cref="ApiCaller.ToPrincipal"/>).</summary>
    public const string SchemeName = "AppServiceAuthentication";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>Whether the request carries a principal this app trusts: a person, who may hold no usable role.</summary>
    public bool Presents(HttpRequest request) => enabled && request.Headers[HeaderName].ToString().Length > 0;

    /// <returns>The caller the principal's app role and object id make; null when it carries no object id, or not
    /// exactly one role this API knows (a clinic role naming a clinic the directory lacks is none).</returns>
    public ApiCaller? Find(HttpRequest request)
    {
        if (!Presents(request)) return null;
        var claims = Read(request.Headers[HeaderName].ToString());
        if (claims is null) return null;
        var objectId = claims.FirstOrDefault(claim => claim.Type is ObjectIdClaim or "oid").Value;
        var roles = claims.Where(claim => claim.Type is "roles" or "http://schemas.microsoft.com/ws/2008/06/identity/claims/role")
            .Select(claim => ApiCaller.ParseRole(claim.Value)).Distinct().ToList();
        if (objectId is null || !Guid.TryParse(objectId, out _) || roles is not [{ } role] || role.Role == ApiRole.Intake) return null;
        if (role.ClinicId is { } clinicId && clinics.Find(clinicId) is null) return null;
        return new ApiCaller(role.Role, Actors.User(objectId.ToLowerInvariant()), role.ClinicId);
    }

    /// <summary>The claims of the header's JSON (<c>{"claims": [{"typ": ..., "val": ...}], ...}</c>); null when unreadable.</summary>
    private static List<(string Type, string Value)>? Read(string header)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)));
            return [.. document.RootElement.GetProperty("claims").EnumerateArray()
                .Select(claim => (claim.GetProperty("typ").GetString() ?? "", claim.GetProperty("val").GetString() ?? ""))];
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
