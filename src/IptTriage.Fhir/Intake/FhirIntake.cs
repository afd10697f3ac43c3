using System.Text.Json;
using Hl7.Fhir.Model;
using IptTriage.Triage.Intake;

namespace IptTriage.Fhir.Intake;

/// <summary>A FHIR referral mapped to the intake form: the form's bytes when everything mapped, else every issue found
/// (never a partial form). <see cref="Locate"/> turns the errors the intake's own validation finds in the mapped form
/// into where the FHIR content said each field.</summary>
public sealed class FhirIntake
{
    /// <summary>The resource type the read was asked for, to read the request again as it was read.</summary>
    private readonly string? expected;

    internal FhirIntake(byte[]? form, string? referralId, IReadOnlyList<FhirIssue> issues, string root, string? expected)
    {
        Form = form;
        ReferralId = referralId;
        Issues = issues;
        Root = root;
        this.expected = expected;
    }

    public byte[]? Form { get; }

    public string? ReferralId { get; }

    public IReadOnlyList<FhirIssue> Issues { get; }

    /// <summary>The resource type the request held (<c>Bundle</c>, <c>QuestionnaireResponse</c>): where locations start.</summary>
    public string Root { get; }

    public bool IsMapped => Form is not null;

    /// <summary>The mapped form's validation errors, each located where the FHIR content gave its field (or the nearest
    /// enclosing field, or the request's root). <paramref name="request"/> is the bytes this was read from: they are
    /// read again to find the locations, as the read keeps nothing of its tree. That costs a read, on a path that is
    /// rare (the mapping checks what the form's validation checks) and never the one a referral usually takes.</summary>
    public IReadOnlyList<FhirIssue> Locate(IReadOnlyList<Triage.Decisions.FieldError> errors, ReadOnlySpan<byte> request)
    {
        var locations = FhirIntakeReader.LocationsOf(request, expected, [.. errors.Select(error => error.Path)]);
        return [.. errors.Select((error, i) => new FhirIssue(locations?[i] ?? Root, $"{error.Path}: {error.Message}", OperationOutcome.IssueType.Value))];
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
                if (IsResourceType(ref reader)) return true;
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

    /// <summary>The reader throws for a name with an escaped surrogate without its pair: that is no <c>resourceType</c>.</summary>
    private static bool IsResourceType(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals("resourceType"u8);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <param name="expected">The resource type the endpoint takes (<c>Bundle</c>, <c>QuestionnaireResponse</c>), or
    /// null for either (<c>iptriage screen</c>).</param>
    public static FhirIntake Read(ReadOnlySpan<byte> utf8Json, string? expected = null) => Read(utf8Json, expected, formPaths: null, out _);

    /// <summary>Where the FHIR content gave each of <paramref name="formPaths"/> (<c>client.dateOfBirth</c>), or the
    /// nearest enclosing field, or the request's root; null when the request does not map (it was not read from these
    /// bytes).</summary>
    internal static string[]? LocationsOf(ReadOnlySpan<byte> utf8Json, string? expected, string[] formPaths)
    {
        Read(utf8Json, expected, formPaths, out var locations);
        return locations;
    }

    /// <summary>A draft per thread, cleared after each read: the mapping's largest allocation otherwise.</summary>
    [ThreadStatic]
    private static IntakeFormDraft? spareDraft;

    /// <param name="formPaths">Fields whose locations are wanted (<paramref name="locations"/>): made text while the
    /// tree can still be read.</param>
    private static FhirIntake Read(ReadOnlySpan<byte> utf8Json, string? expected, string[]? formPaths, out string[]? locations)
    {
        locations = null;
        var root = expected ?? "$";
        if (utf8Json.Length > MaxBytes)
            return FhirIntake.Refused(root, [new(root, $"the request is {utf8Json.Length} bytes; the limit is {MaxBytes} bytes (256 KiB)", OperationOutcome.IssueType.TooCostly)]);
        if (utf8Json.StartsWith("\uFEFF"u8)) utf8Json = utf8Json[3..];

        var issues = new List<FhirIssue>();
        if (FhirStructure.Read(utf8Json, root, issues) is not { } tree) return FhirIntake.Refused(root, issues);
        var type = tree.Root;
        if (expected is not null && type != expected)
        {
            tree.Release();
            return FhirIntake.Refused(expected, [new(expected, $"this endpoint takes a {expected}, not a {type}", OperationOutcome.IssueType.NotSupported)]);
        }
        var draft = spareDraft ?? new IntakeFormDraft();
        spareDraft = null;
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
            var mapped = ReferralMapper.Map(parts, draft, expected);
            if (formPaths is not null && mapped.IsMapped) locations = [.. formPaths.Select(path => draft.NearestLocationOf(path) ?? mapped.Root)];
            return mapped;
        }
        finally
        {
            tree.Release();
            draft.Clear();
            spareDraft = draft;
        }
    }
}
