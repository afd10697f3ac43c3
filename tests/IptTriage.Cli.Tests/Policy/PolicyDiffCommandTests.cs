using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.Policy;

public sealed class PolicyDiffCommandTests : IDisposable
{
    private static readonly string Tuned = Path.Combine(AppContext.BaseDirectory, "samples", "policy", "tuned-clinic.json");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Each_differing_setting_is_named_with_both_values()
    {
        var lower = temp.Write("lower.json", File.ReadAllText(Tuned).Replace("\"anxietyFlagAtLeast\": 10", "\"anxietyFlagAtLeast\": 8", StringComparison.Ordinal));

        var result = InProcessCli.Run("policy", "diff", Tuned, lower);

        result.ExitCode.Should().Be(ExitCodes.Differences);
        result.Stdout.Split('\n').Where(line => line.Contains("thresholds.", StringComparison.Ordinal)).Select(Cells)
            .Should().Equal("thresholds.gad7.anxietyFlagAtLeast | 10 | 8");
        result.Stdout.Should().Contain("1 setting differs.");
    }

    [Fact]
    public void The_same_policy_has_no_differences_and_a_malformed_one_is_refused()
    {
        var same = InProcessCli.Run("policy", "diff", Tuned, temp.Copy(Tuned, "copy.json"));
        var broken = InProcessCli.Run("policy", "diff", Tuned, temp.Write("broken.json", "{\"policyVersion\": 1}"));

        same.ExitCode.Should().Be(ExitCodes.Success);
        same.Stdout.Trim().Should().Be("The two policies have the same settings.");
        broken.ExitCode.Should().Be(ExitCodes.UsageError);
        broken.Stderr.Should().Contain("$.policyVersion: must be a string, found 1").And.Contain("$.thresholds: is missing");
    }

    private static string Cells(string row) => string.Join(" | ", row.Split('│', StringSplitOptions.TrimEntries).Where(cell => cell.Length > 0));
}
