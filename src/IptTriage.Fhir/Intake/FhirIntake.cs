using System.Text.Json;
using Hl7.Fhir.Model;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Intake;

/// <summary>A FHIR referral mapped to the intake form: the form's bytes when everything mapped, else every issue found
/// (never a partial form). <see cref="LocationOf"/> turns an intake form field back into where the FHIR content
/// said it, for the errors the intake's own validation finds in the mapped form.</summary>
public sealed class FhirIntake
{
    private readonly IntakeFormDraft? locations;

    internal FhirIntake(byte[]? form, string? referralId, IReadOnlyList<FhirIssue> issues, string root, IntakeFormDraft? locations)
    {
        Form = form;
        ReferralId = referralId;
        Issues = issues;
        Root = root;
        this.locations = locations;
    }

    public byte[]? Form { get; }

    public string? ReferralId { get; }

    public IReadOnlyList<FhirIssue> Issues { get; }

    /// <summary>The resource type the request held (<c>Bundle</c>, <c>QuestionnaireResponse</c>): where locations start.</summary>
    public string Root { get; }

    public bool IsMapped => Form is not null;

    /// <summary>Where each mapped field came from (see <see cref="FhirTree.Release"/>).</summary>
    internal Span<FhirLocation> Locations => locations is null ? default : locations.Locations;

    /// <summary>Where the FHIR content gave <paramref name="formPath"/> (<c>client.dateOfBirth</c>), or the nearest
    /// enclosing field's location, or the request's root.</summary>
    public string LocationOf(string formPath)
    {
        for (var path = formPath; path.Length > 0; path = Parent(path))
            if (locations?.LocationOf(path) is { } location) return location.ToString();
        return Root;
    }

    /// <summary>The mapped form's validation errors, located in the FHIR content.</summary>
    public IReadOnlyList<FhirIssue> Locate(IEnumerable<Triage.Decisions.FieldError> errors) =>
        [.. errors.Select(error => new FhirIssue(LocationOf(error.Path), $"{error.Path}: {error.Message}", OperationOutcome.IssueType.Value))];

    private static string Parent(string path)
    {
        var cut = path.LastIndexOfAny(['.', '[']);
        return cut < 0 ? "" : path[..cut];
    }

    internal static FhirIntake Refused(string root, IReadOnlyList<FhirIssue> issues) => new(null, null, issues, root, null);
}

/// <summary>Reads a FHIR R4 referral (docs/fhir.md): the bytes read once, their structure checked against the SDK's R4
/// model as the tree the mapping reads is built (<see cref="FhirStructure"/>), then mapped to the intake form from
/// that tree. Never throws on bad input.</summary>
public static class FhirIntakeReader
{
    /// <summary>The same limit as an intake form's.</summary>
    public const int MaxBytes = IntakeParser.MaxFormBytes;

    /// <summary>Whether <paramref name="utf8Json"/> is a JSON object with a top-level <c>resourceType</c>: FHIR, not an
    /// intake form (which has no such property). Reads only the top level.</summary>
    public static bool IsFhir(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = IntakeParser.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resourceType"u8)) return true;
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the intake parser reports it as it reports any broken form.
        }
        return false;
    }

    /// <param name="expected">The resource type the endpoint takes (<c>Bundle</c>, <c>QuestionnaireResponse</c>), or
    /// null for either (<c>iptriage screen</c>).</param>
    public static FhirIntake Read(ReadOnlySpan<byte> utf8Json, string? expected = null)
    {
        var root = expected ?? "$";
        if (utf8Json.Length > MaxBytes)
            return FhirIntake.Refused(root, [new(root, $"the request is {utf8Json.Length} bytes; the limit is {MaxBytes} bytes (256 KiB)", OperationOutcome.IssueType.TooCostly)]);
        if (utf8Json.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];

        var issues = new List<FhirIssue>();
        if (FhirStructure.Read(utf8Json, root, issues) is not { } tree) return FhirIntake.Refused(root, issues);
        var type = tree.Root;
        if (expected is not null && type != expected)
            return FhirIntake.Refused(expected, [new(expected, $"this endpoint takes a {expected}, not a {type}", OperationOutcome.IssueType.NotSupported)]);
        FhirIntake? mapped = null;
        try
        {
            var parts = type switch
            {
                "Bundle" => ReferralParts.FromBundle(tree.Resource),
                "QuestionnaireResponse" => ReferralParts.FromResponse(tree.Resource),
                _ => null,
            };
            if (parts is null)
                return FhirIntake.Refused(type, [new(type, $"a {type} is not a referral: send a Bundle or a QuestionnaireResponse", OperationOutcome.IssueType.NotSupported)]);
            return mapped = ReferralMapper.Map(parts);
        }
        finally
        {
            tree.Release(mapped is null ? default : mapped.Locations);
        }
    }
}
