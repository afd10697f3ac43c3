namespace IptTriage.Api.Security;

/// <summary>The <c>Api</c> configuration section: <c>Api:Keys</c> is a list of key and role pairs
/// (<c>Api:Keys:0:Key</c>, <c>Api:Keys:0:Role</c>, ...), so that on Azure each key can be a Key Vault reference.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <param name="Key">The key itself; or give <paramref name="KeyHash"/> instead, so the configuration never holds it.</param>
/// <param name="Role"><c>coordinator</c>, <c>supervisor</c>, <c>crisis</c>, <c>intake</c> or <c>clinic:&lt;clinicId&gt;</c>.</param>
/// <param name="Name">What the audit trail calls the key's caller (<c>key:&lt;name&gt;</c>); the role when not given.
/// Names are unique, so two keys of one role need names.</param>
/// <param name="KeyHash"><c>sha256:</c> and the key's SHA-256 in 64 hex digits (<c>iptriage keys hash</c>), in place of <paramref name="Key"/>.</param>
public sealed record ApiKeyEntry(string? Key = null, string Role = "", string? Name = null, string? KeyHash = null);
