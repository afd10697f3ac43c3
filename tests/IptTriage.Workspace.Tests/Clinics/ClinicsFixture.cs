using IptTriage.Workspace.Tests.Support;

namespace IptTriage.Workspace.Tests.Clinics;

/// <summary>A serve process of the clinic tests' own. They wait on the workflow by polling with the development
/// coordinator key and open many browser pages, each of which asks GET /api/session first (401 before signing in),
/// so the limits are raised past what the tests reach: at the defaults a busy minute gets 429s that are not what is
/// tested. A server of their own also keeps their clinic capacities apart from other collections' placements.</summary>
public sealed class ClinicsFixture : WorkspaceFixture
{
    protected override IReadOnlyDictionary<string, string> ServerSettings { get; } = new Dictionary<string, string>
    {
        ["Api:Limits:RequestsPerMinutePerKey"] = "100000",
        ["Api:Limits:RequestsPerMinutePerAddress"] = "100000",
        ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "1000",
    };
}

[CollectionDefinition(Name)]
public sealed class ClinicsCollection : ICollectionFixture<ClinicsFixture>
{
    public const string Name = "clinics";
}
