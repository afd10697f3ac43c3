namespace IptTriage.Api.Security;

/// <summary>The <c>Api</c> configuration section: <c>Api:Keys</c> is a list of key and role pairs
/// (<c>Api:Keys:0:Key</c>, <c>Api:Keys:0:Role</c>, ...), so that on Azure each key can be a Key Vault reference.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    public List<ApiKeyEntry> Keys { get; set; } = [];
}

/// <param name="Role"><c>coordinator</c>, <c>supervisor</c>, <c>crisis</c>, <c>intake</c> or <c>clinic:&lt;clinicId&gt;</c>.</param>
/// <param name="Name">What the audit trail calls the key's caller (<c>key:&lt;name&gt;</c>); the role when not given.
/// Names are unique, so two keys of one role need names.</param>
public sealed record ApiKeyEntry(string Key, string Role, string? Name = null);
