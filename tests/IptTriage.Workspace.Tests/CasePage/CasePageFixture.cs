using IptTriage.Workspace.Tests.Support;

namespace IptTriage.Workspace.Tests.CasePage;

/// <summary>The case page's own serve process and browser, where urgent reviews fall due at once.</summary>
public sealed class CasePageFixture() : WorkspaceFixture(new Dictionary<string, string>
{
    // An urgent review is overdue seconds after it is asked for, so a test can see the page mark it (the case still
    // waits for a decision, as at any deadline: a supervisor is told and the review stays open).
    ["Workflow:UrgentReviewDeadline"] = "00:00:04",
});

[CollectionDefinition(Name)]
public sealed class CasePageCollection : ICollectionFixture<CasePageFixture>
{
    public const string Name = "case page";
}
