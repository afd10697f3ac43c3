using IptTriage.Testing;
using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.Run;

/// <summary>The quick start as a newcomer runs it: the built program in a child process, output to a pipe.</summary>
[Collection(RunCollection.Name)]
public sealed class RunExecutableTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Run_with_simulated_responses_places_and_discharges_the_samples_and_exits_0()
    {
        var (exitCode, stdout, stderr) = await DotnetHost.RunIptriageAsync(null, temp.Path, "run", "--simulate-responses", "--data", "data");

        exitCode.Should().Be(ExitCodes.Success, stderr);
        var count = SampleFiles.ValidFormNames.Count;
        stdout.Should().Contain($"{count} referrals: {count} discharged;").And.Contain($"placed with a clinic: {count} (").And.NotContain("\u001b");
        stderr.Should().BeEmpty();
        Directory.GetFiles(Path.Combine(temp.Path, "data", "outbox"), "*.eml").Should().NotBeEmpty();
    }
}
