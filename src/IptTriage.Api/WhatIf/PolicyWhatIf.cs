using System.Text.Json;
using IptTriage.Api.Referrals;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Policy;
using IptTriage.Triage.WhatIf;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Api.WhatIf;

/// <summary><c>POST /api/policy/what-if</c>: the body is a candidate policy file, checked as a policy file is on load;
/// the answer is the what-if report (<see cref="WhatIfJson"/>) over the referrals received from <c>receivedFrom</c>
/// (inclusive) to <c>receivedTo</c> (exclusive), each re-screened under the host's policy and the candidate. Reads
/// only: no stored decision changes.</summary>
public static class PolicyWhatIf
{
    /// <summary>A policy file is about 1.5 KB; this leaves room for a long description and indentation.</summary>
    public const int MaxPolicyBytes = 64 * 1024;

    public static async Task<IResult> HandleAsync(HttpRequest request, IRecordStore records, TriagePolicy current, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType()) return ApiProblems.UnsupportedMediaType();
        var body = await SubmitReferral.ReadAtMostAsync(request, MaxPolicyBytes, cancellationToken);
        if (body is null) return ApiProblems.TooLarge(MaxPolicyBytes);

        var window = new QueryParameters(request.Query);
        var from = window.Time("receivedFrom");
        var to = window.Time("receivedTo");
        var errors = window.Errors.ToList();
        TriagePolicy? candidate = null;
        try
        {
            candidate = PolicyFile.Load(new MemoryStream(body), "candidate");
        }
        catch (PolicyFileException refused)
        {
            errors.AddRange(refused.Problems);
        }
        if (errors.Count > 0) return ApiProblems.Invalid(errors);
        return new Report(records, new TwoPolicies(current, candidate!), from, to);
    }

    /// <summary>Written as the stored forms stream past: each changed referral as it is found, the summary last, so
    /// memory stays the same over ten referrals or a million.</summary>
    private sealed class Report(IRecordStore records, TwoPolicies policies, DateTimeOffset? from, DateTimeOffset? to) : IResult
    {
        private const int FlushBytes = 16 * 1024;

        public async Task ExecuteAsync(HttpContext context)
        {
            var cancellationToken = context.RequestAborted;
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json; charset=utf-8";
            var tally = new WhatIfTally(policies);
            await using var json = new Utf8JsonWriter(context.Response.Body, DecisionJson.CompactOptions);
            WhatIfJson.BeginReport(json);
            await foreach (var stored in records.ReadFormsAsync(from, to, cancellationToken))
            {
                if (tally.Add(policies.Screen(stored.Form, stored.ReferralId)) is not { } change) continue;
                WhatIfJson.WriteChange(json, change);
                if (json.BytesPending >= FlushBytes) await json.FlushAsync(cancellationToken);
            }
            WhatIfJson.EndReport(json, tally.Summary());
            await json.FlushAsync(cancellationToken);
        }
    }
}
