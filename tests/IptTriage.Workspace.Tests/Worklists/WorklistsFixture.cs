using IptTriage.Workspace.Tests.Support;

namespace IptTriage.Workspace.Tests.Worklists;

/// <summary>The worklist tests' own server, with the workflow's own deadlines (an emergency escalates after 15
/// minutes, so it stays "None yet").</summary>
public sealed class WorklistsServerFixture : WorkspaceFixture;

[CollectionDefinition(Name)]
public sealed class WorklistsCollection : ICollectionFixture<WorklistsServerFixture>
{
    public const string Name = "workspace-worklists";
}

/// <summary>Emergencies escalate every 2 seconds (docs/workflow.md, step 4: the supervisor is told again each interval
/// until someone acknowledges), so a test can watch the count rise.</summary>
public sealed class FastEscalationFixture() : WorkspaceFixture(new Dictionary<string, string>
{
    ["Workflow:EmergencyEscalationInterval"] = "00:00:02",
    ["Workflow:MaxEmergencyEscalations"] = "100",
});

[CollectionDefinition(Name)]
public sealed class FastEscalationCollection : ICollectionFixture<FastEscalationFixture>
{
    public const string Name = "workspace-fast-escalation";
}
