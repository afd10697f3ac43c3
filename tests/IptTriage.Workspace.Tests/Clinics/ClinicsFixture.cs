using IptTriage.Workspace.Tests.Support;

namespace IptTriage.Workspace.Tests.Clinics;

/// <summary>A serve process of the clinic tests' own, so their clinic capacities and placements are kept apart from
/// other collections'.</summary>
public sealed class ClinicsFixture : WorkspaceFixture;

[CollectionDefinition(Name)]
public sealed class ClinicsCollection : ICollectionFixture<ClinicsFixture>
{
    public const string Name = "clinics";
}
