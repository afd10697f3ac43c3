using Hl7.Fhir.Model;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Resources;

/// <summary>OperationOutcomes: every issue with its FHIR location in <c>expression</c> and a plain message.</summary>
public static class FhirOutcomes
{
    public static OperationOutcome Errors(IEnumerable<FhirIssue> issues) => new()
    {
        Issue = [.. issues.Select(issue => new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Error,
            Code = issue.Code,
            Diagnostics = issue.Message,
            Expression = [issue.Location],
        })],
    };

    /// <summary>An issue about the request as a whole, so with no location.</summary>
    public static OperationOutcome Error(OperationOutcome.IssueType code, string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = code, Diagnostics = message }],
    };

    public static OperationOutcome Information(string message) => new()
    {
        Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Information, Code = OperationOutcome.IssueType.Informational, Diagnostics = message }],
    };
}
