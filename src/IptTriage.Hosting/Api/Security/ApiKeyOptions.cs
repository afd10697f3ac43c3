namespace IptTriage.Hosting.Api.Security;

/// <summary>The <c>Api</c> configuration section: <c>Api:Keys</c> maps each key to the role it grants
/// (<c>coordinator</c>, <c>intake</c> or <c>clinic:&lt;clinicId&gt;</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Api";

    public Dictionary<string, string> Keys { get; set; } = [];
}
