using System.Text.Json.Nodes;
using IptTriage.Cli.Tests.Support;
using IptTriage.Triage.Policy;

namespace IptTriage.Cli.Tests.Samples;

/// <summary>Each sample form against the decision derived by hand from the triage policy
/// (<c>samples/intake/expected/</c>): an oracle independent of the policy implementation.</summary>
public sealed class SampleExpectationsTests
{
    public static TheoryData<string> ValidSamples => [.. SampleFiles.ValidFormNames];

    [Fact]
    public void Every_valid_sample_has_a_hand_derived_decision_and_there_are_at_least_twenty()
    {
        var expected = Directory.EnumerateFiles(Path.GetDirectoryName(SampleFiles.Expected("x"))!, "*.json")
            .Select(file => Path.GetFileName(file));

        SampleFiles.ValidFormNames.Should().HaveCountGreaterThanOrEqualTo(20).And.BeEquivalentTo(expected);
    }

    [Theory]
    [MemberData(nameof(ValidSamples))]
    public void Sample_screens_to_its_hand_derived_decision(string name)
    {
        var result = InProcessCli.Run("screen", SampleFiles.Valid(name));

        result.ExitCode.Should().Be(ExitCodes.Success, result.Stderr);
        var actual = result.Decisions.Should().ContainSingle().Subject;
        var decision = JsonNode.Parse(actual.GetRawText())!.AsObject();
        decision["policyVersion"]!.GetValue<string>().Should().Be(PolicyFile.LoadDefault().Version);
        decision.Remove("policyVersion");
        foreach (var reason in decision["reasons"]!.AsArray().Select(r => r!.AsObject()))
        {
            reason["text"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("every reason explains itself");
            reason.Remove("text");
        }

        var expected = JsonNode.Parse(File.ReadAllText(SampleFiles.Expected(name)));
        JsonDifferences.Between(expected, decision).Should().BeEmpty();
    }

    [Theory]
    [InlineData("broken-json.json", "broken-json.json", null)]
    [InlineData("unknown-property.json", "SMP-0901", "client.nickname")]
    [InlineData("phq9-item-out-of-range.json", "SMP-0902", "instruments.phq9[3]")]
    [InlineData("leap-second-timestamp.json", "SMP-0903", "receivedAt")]
    public void Invalid_sample_is_reported_invalid_with_the_offending_path(string name, string referralId, string? errorPath)
    {
        var result = InProcessCli.Run("screen", SampleFiles.Invalid(name));

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.Stderr.Should().BeEmpty();
        var decision = result.Decisions.Should().ContainSingle().Subject;
        decision.GetProperty("referralId").GetString().Should().Be(referralId);
        decision.GetProperty("outcome").GetString().Should().Be("invalid");
        var paths = decision.GetProperty("errors").EnumerateArray().Select(error => error.GetProperty("path").GetString()).ToList();
        paths.Should().NotBeEmpty();
        if (errorPath is not null) paths.Should().Contain(errorPath);
    }
}
