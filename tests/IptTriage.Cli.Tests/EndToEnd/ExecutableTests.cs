using IptTriage.Testing;
using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.EndToEnd;

/// <summary>The built <c>iptriage</c> run as a child process, with real pipes and exit codes.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Screens_the_samples_directory_exit_0()
    {
        var result = await DotnetHost.RunIptriageAsync(null, null, "screen", SampleFiles.Directory);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Stderr);
        result.ReferralIds.Should().Equal(SampleFiles.ValidFormNames.Select(SampleFiles.ReferralIdOf));
    }

    [Fact]
    public async Task Screens_forms_piped_to_stdin_exit_1_when_one_is_invalid()
    {
        var stdin = string.Join('\n',
            SampleFiles.AsJsonLine("0101-ipt-grief-spanish-speaking-widow.json"),
            "{\"schemaVersion\": \"1.0\"}",
            SampleFiles.AsJsonLine("0210-several-exclusions-acute-risk-psychosis-trauma-anorexia.json"));

        var result = await DotnetHost.RunIptriageAsync(stdin, null, "screen");

        result.ExitCode.Should().Be(ExitCodes.InvalidForms, result.Stderr);
        result.ReferralIds.Should().Equal("SMP-0101", "line 2", "SMP-0210");
        result.Outcomes.Should().Equal("routed", "invalid", "routed");
        result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task A_missing_path_exits_2_with_the_path_on_stderr()
    {
        var result = await DotnetHost.RunIptriageAsync(null, null, "screen", "no/such/form.json");

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain("no/such/form.json");
    }
}
