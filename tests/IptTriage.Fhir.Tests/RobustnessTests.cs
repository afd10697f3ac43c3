using System.Text;
using System.Text.Json.Nodes;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>Whatever a sender puts in a FHIR referral, reading and screening it answers (a form, or issues at FHIR
/// locations) and never throws: every FHIR sample changed thousands of ways that stay JSON (a value replaced by one of
/// another type, a member removed or renamed to another element's name, an item or entry doubled), from a fixed seed so
/// a failure repeats.</summary>
public sealed class RobustnessTests
{
    /// <summary>Element names the samples use, so a rename often gives a known element in the wrong place.</summary>
    private static readonly string[] Names =
    [
        "resourceType", "id", "item", "linkId", "answer", "valueCoding", "valueInteger", "valueString", "valueBoolean", "valueDecimal", "code",
        "system", "status", "subject", "reference", "entry", "resource", "fullUrl", "questionnaire", "identifier", "value", "birthDate",
        "name", "family", "given", "telecom", "extension", "url", "contained", "authored", "authoredOn", "requester", "_birthDate", "type",
    ];

    private static JsonNode? AnyValue(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(-3, 30)),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => JsonValue.Create(Names[random.Next(Names.Length)]),
        4 => JsonValue.Create("2026-13-45"),
        5 => JsonValue.Create(""),
        6 => new JsonObject(),
        7 => new JsonArray(),
        _ => JsonValue.Create(1.5e300),
    };

    [Fact]
    public void Reading_and_screening_changed_samples_never_throws()
    {
        var random = new Random(3122026);
        var samples = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "samples", "fhir"), "*.json", SearchOption.AllDirectories)
            .Where(path => !path.Contains("questionnaires", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var (mapped, refused) = (0, 0);
        for (var i = 0; i < 3_000; i++)
        {
            var document = JsonNode.Parse(samples[random.Next(samples.Length)])!;
            for (var edits = random.Next(1, 4); edits > 0; edits--) Change(document, random);
            var bytes = Encoding.UTF8.GetBytes(document.ToJsonString());

            var intake = FhirIntakeReader.Read(bytes);
            var decision = FhirScreening.Screen(bytes, "changed", SampleForms.Policy);

            if (intake.IsMapped) mapped++;
            else
            {
                refused++;
                intake.Issues.Should().NotBeEmpty().And.OnlyContain(issue => issue.Location.Length > 0 && issue.Message.Length > 0);
                decision.Errors.Should().NotBeEmpty();
            }
        }
        refused.Should().BeGreaterThan(1_000, "most changes break the referral");
        mapped.Should().BeGreaterThan(50, "some changes leave a referral that still maps");
    }

    /// <summary>One change somewhere in the document: a value replaced, a member removed or renamed, an array item doubled.</summary>
    private static void Change(JsonNode document, Random random)
    {
        var containers = new List<JsonNode>();
        Collect(document, containers);
        var target = containers[random.Next(containers.Count)];
        if (target is JsonObject obj && obj.Count > 0)
        {
            var name = obj.ElementAt(random.Next(obj.Count)).Key;
            switch (random.Next(3))
            {
                case 0: obj[name] = AnyValue(random); break;
                case 1: obj.Remove(name); break;
                default:
                    var value = obj[name]?.DeepClone();
                    obj.Remove(name);
                    obj[Names[random.Next(Names.Length)]] = value;
                    break;
            }
        }
        else if (target is JsonArray array && array.Count > 0)
        {
            var at = random.Next(array.Count);
            if (random.Next(2) == 0) array.Add(array[at]?.DeepClone());
            else array[at] = AnyValue(random);
        }
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        switch (node)
        {
            case JsonObject obj:
                containers.Add(obj);
                foreach (var (_, child) in obj) Collect(child, containers);
                break;
            case JsonArray array:
                containers.Add(array);
                foreach (var child in array) Collect(child, containers);
                break;
        }
    }
}
