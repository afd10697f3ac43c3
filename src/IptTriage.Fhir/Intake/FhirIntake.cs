using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Intake;

/// <summary>A FHIR referral mapped to the intake form: the form's bytes when everything mapped, else every issue found
/// (never a partial form). <see cref="LocationOf"/> turns an intake form field back into where the FHIR content
/// said it, for the errors the intake's own validation finds in the mapped form.</summary>
public sealed class FhirIntake
{
    private readonly Dictionary<string, string> locations;

    internal FhirIntake(byte[]? form, string? referralId, IReadOnlyList<FhirIssue> issues, string root, Dictionary<string, string> locations)
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

    /// <summary>Where the FHIR content gave <paramref name="formPath"/> (<c>client.dateOfBirth</c>), or the nearest
    /// enclosing field's location, or the request's root.</summary>
    public string LocationOf(string formPath)
    {
        for (var path = formPath; path.Length > 0; path = Parent(path))
            if (locations.TryGetValue(path, out var location)) return location;
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

    internal static FhirIntake Refused(string root, IReadOnlyList<FhirIssue> issues) => new(null, null, issues, root, []);
}

/// <summary>Reads a FHIR R4 referral (docs/fhir.md): structural validation by Firely's SDK, then the mapping to the
/// intake form. Never throws on bad input.</summary>
public static class FhirIntakeReader
{
    /// <summary>The same limit as an intake form's.</summary>
    public const int MaxBytes = IntakeParser.MaxFormBytes;

    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

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

        if (Parse(utf8Json, root) is var (resource, issues) && resource is null) return FhirIntake.Refused(root, issues);
        root = resource!.TypeName;
        if (expected is not null && root != expected)
            return FhirIntake.Refused(expected, [new(expected, $"this endpoint takes a {expected}, not a {root}", OperationOutcome.IssueType.NotSupported)]);
        var parts = resource switch
        {
            Bundle bundle => ReferralParts.FromBundle(bundle),
            QuestionnaireResponse response => ReferralParts.FromResponse(response),
            _ => null,
        };
        if (parts is null)
            return FhirIntake.Refused(root, [new(root, $"a {root} is not a referral: send a Bundle or a QuestionnaireResponse", OperationOutcome.IssueType.NotSupported)]);
        return ReferralMapper.Map(parts);
    }

    /// <summary>Firely's structural validation: JSON syntax, known elements, cardinality, primitive formats. Messages
    /// are the SDK's, located by their instance path, answered to the sender only (never logged).</summary>
    private static (Resource? Resource, IReadOnlyList<FhirIssue> Issues) Parse(ReadOnlySpan<byte> utf8Json, string root)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = IntakeParser.MaxDepth });
        try
        {
            if (Deserializer.TryDeserializeResource(ref reader, out var resource, out var errors)) return (resource, []);
            return (null, [.. errors.Select(error => ToIssue(error, root, resource?.TypeName))]);
        }
        catch (JsonException broken)
        {
            return (null, [new(root, $"not valid JSON (line {broken.LineNumber + 1}, byte {broken.BytePositionInLine + 1} of that line)", OperationOutcome.IssueType.Structure)]);
        }
    }

    private static FhirIssue ToIssue(Hl7.Fhir.Utility.CodedException error, string root, string? type) => error is Hl7.Fhir.Utility.ExtendedCodedException located
        ? new(located.InstancePath is { Length: > 0 } path && path != "$this" ? path : type ?? root, $"{located.ErrorCode}: {located.BaseErrorMessage}", OperationOutcome.IssueType.Structure)
        : new(type ?? root, $"{error.ErrorCode}: {error.Message}", OperationOutcome.IssueType.Structure);
}
