using System.Text.Json.Nodes;
using IptTriage.Fhir.Forms;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Fhir.Tests;

/// <summary>The sample intake forms (samples/intake) copied beside the tests, and their decisions as JSON.</summary>
internal static class SampleForms
{
    public static readonly TriagePolicy Policy = PolicyFile.LoadDefault();

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "samples", "intake");

    public static IReadOnlyList<string> Names { get; } =
        [.. System.IO.Directory.EnumerateFiles(Directory, "*.json").Select(file => Path.GetFileName(file)!).Order(StringComparer.Ordinal)];

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    public static IntakeForm Form(string name) => IntakeParser.Parse(Bytes(name)).Form ?? throw new InvalidOperationException($"{name} is not valid");

    public static string DecisionOf(ReadOnlySpan<byte> form) => DecisionJson.ToJson(Screening.Screen(form, "unreadable", Policy));

    /// <summary>A sample form as a FHIR Bundle (<see cref="FhirReferralWriter.ToBundle"/>), to change before it is read.</summary>
    public static JsonNode BundleJson(string name, ResponseShape? shape = null) => JsonNode.Parse(FhirJson.ToUtf8(FhirReferralWriter.ToBundle(Form(name), shape)))!;

    /// <summary>The resources of one type in a Bundle (<see cref="BundleJson"/>), in entry order.</summary>
    public static IEnumerable<JsonNode> ResourcesOf(JsonNode bundle, string type) =>
        bundle["entry"]!.AsArray().Select(entry => entry!["resource"]!).Where(resource => resource["resourceType"]!.GetValue<string>() == type);
}
