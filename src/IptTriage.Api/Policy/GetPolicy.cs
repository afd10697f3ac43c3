using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api.Policy;

/// <summary>What a coordinator overriding a review chooses from: the version of the policy the server screens with,
/// the workflow's pathways, and the alternative services (modalities) a case can be routed to.</summary>
public sealed record PolicySummary(string PolicyVersion, string Description, IReadOnlyList<Pathway> Pathways, IReadOnlyList<Modality> Modalities);

/// <summary><c>GET /api/policy</c>: the server's policy (<c>IptTriage:PolicyPath</c>, else the default) as
/// <see cref="PolicySummary"/>. The pathways and modalities are the contract's codes, the same under every policy
/// file: a policy file sets cut-offs, never codes.</summary>
public static class GetPolicy
{
    public static Ok<PolicySummary> Handle(TriagePolicy policy) =>
        TypedResults.Ok(new PolicySummary(policy.Version, policy.Description, Enum.GetValues<Pathway>(), Enum.GetValues<Modality>()));
}
