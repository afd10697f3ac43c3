using Hl7.Fhir.Model;

namespace IptTriage.Fhir.Intake;

/// <summary>Why a FHIR referral cannot be taken in, and where: a FHIRPath-style location
/// (<c>Bundle.entry[2].resource.item[3].answer[0]</c>) and a plain message that names no personal data.</summary>
public sealed record FhirIssue(string Location, string Message, OperationOutcome.IssueType Code = OperationOutcome.IssueType.Invalid);
