using System.Text.Json.Nodes;
using IptTriage.Cli.Tests.Samples;
using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.Screen;

/// <summary><c>iptriage screen</c> on FHIR: a Bundle or QuestionnaireResponse (told apart from a form by its
/// resourceType) is mapped to its form and screened; an unmappable one is invalid with FHIR locations.</summary>
public sealed class FhirScreenTests
{
    private static readonly string FhirSamples = Path.Combine(AppContext.BaseDirectory, "samples", "fhir");

    [Theory]
    [InlineData("bundle")]
    [InlineData("questionnaire-response")]
    public void The_fhir_samples_screen_to_the_decisions_derived_by_hand_for_their_forms(string kind)
    {
        var directory = Path.Combine(FhirSamples, kind);
        var names = Directory.EnumerateFiles(directory, "*.json").Select(file => Path.GetFileName(file)!).Order(StringComparer.Ordinal).ToList();

        var result = InProcessCli.Run("screen", directory);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Stderr);
        result.Decisions.Should().HaveCount(names.Count).And.HaveCountGreaterThan(1);
        foreach (var (decision, name) in result.Decisions.Zip(names))
        {
            var actual = JsonNode.Parse(decision.GetRawText())!.AsObject();
            actual.Remove("policyVersion");
            foreach (var reason in actual["reasons"]!.AsArray()) reason!.AsObject().Remove("text");
            JsonDifferences.Between(JsonNode.Parse(File.ReadAllText(SampleFiles.Expected(name))), actual).Should().BeEmpty(name);
        }
    }

    [Fact]
    public void An_unmappable_bundle_is_invalid_with_its_fhir_locations()
    {
        using var directory = new TempDirectory();
        var bundle = JsonNode.Parse(File.ReadAllText(Path.Combine(FhirSamples, "bundle", "0101-ipt-grief-spanish-speaking-widow.json")))!;
        bundle["entry"]![1]!["resource"]!.AsObject().Remove("birthDate");
        var path = directory.Write("no-birth-date.json", bundle.ToJsonString());

        var result = InProcessCli.Run("screen", path);

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        var decision = result.Decisions.Should().ContainSingle().Subject;
        decision.GetProperty("outcome").GetString().Should().Be("invalid");
        decision.GetProperty("referralId").GetString().Should().Be("SMP-0101");
        decision.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("path").GetString()).Should().Equal("Bundle.entry[1].resource.birthDate");
    }
}
