using System.Diagnostics;
using IptTriage.Durable.CrashHost;
using IptTriage.Durable.Core.History;
using IptTriage.Durable.Storage.Sqlite;
using IptTriage.Durable.Tests.Support;
using Xunit.Abstractions;

namespace IptTriage.Durable.Tests.Crash;

/// <summary>
/// Kills a real engine process at random points several times, restarts it, and checks that every instance finished
/// exactly once with the right output and every activity's side effect was recorded at least once.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Instances = 200;
    private const int Steps = 6;
    private const int Kills = 5;

    private readonly SqliteStoreSource _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Every_instance_completes_exactly_once_despite_repeated_kills()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        output.WriteLine($"crash test seed: {seed} (set CRASH_TEST_SEED to reproduce)");
        var random = new Random(seed);
        var effects = Path.Combine(Path.GetDirectoryName(_files.DatabasePath)!, "side-effects.txt");
        var killed = 0;

        for (var kill = 0; kill < Kills; kill++)
        {
            var delay = TimeSpan.FromMilliseconds(random.Next(400, 1600));
            using var host = StartHost(effects);
            var exited = host.WaitForExit(delay);
            if (!exited)
            {
                host.Kill(entireProcessTree: true);
                await host.WaitForExitAsync();
                killed++;
            }

            output.WriteLine($"run {kill + 1}: {(exited ? $"finished before the kill (exit {host.ExitCode})" : $"killed after {delay.TotalMilliseconds} ms")}");
        }

        killed.Should().BePositive("the test is only meaningful if some runs were killed mid-work");
        using (var last = StartHost(effects))
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await last.WaitForExitAsync(guard.Token);
            last.ExitCode.Should().Be(0, "the final run must finish every instance");
        }

        await AssertEveryInstanceCompletedOnceAsync();
        AssertEverySideEffectRecorded(effects);
    }

    private async Task AssertEveryInstanceCompletedOnceAsync()
    {
        await using var store = new SqliteOrchestrationStore(new SqliteStoreOptions(_files.DatabasePath));
        var leftover = await store.OpenAsync(CancellationToken.None);
        leftover.Messages.Should().BeEmpty("no instance may be left with unprocessed messages");
        leftover.Activities.Should().BeEmpty("no activity may be left unfinished");

        for (var i = 0; i < Instances; i++)
        {
            var id = CrashWorkload.InstanceId(i);
            var instance = await store.GetInstanceAsync(id, includePayloads: true, CancellationToken.None);
            instance.Should().NotBeNull(id);
            instance!.Status.Should().Be(OrchestrationRuntimeStatus.Completed, id);
            instance.Output.Should().Be(CrashWorkload.ExpectedOutput(Steps).ToString(System.Globalization.CultureInfo.InvariantCulture), id);

            var history = await store.GetHistoryAsync(id, CancellationToken.None);
            history.OfType<ExecutionStartedEvent>().Should().ContainSingle(id);
            history.OfType<ExecutionCompletedEvent>().Should().ContainSingle(id);
            history.OfType<TaskScheduledEvent>().Select(e => e.EventId).Should().OnlyHaveUniqueItems(id).And.HaveCount(Steps, id);
            history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId).Should().OnlyHaveUniqueItems(id).And.HaveCount(Steps, id);
            history.OfType<TimerFiredEvent>().Should().ContainSingle(id);
        }
    }

    private void AssertEverySideEffectRecorded(string effects)
    {
        var lines = File.ReadAllLines(effects);
        var expected = Enumerable.Range(0, Instances).SelectMany(i => Enumerable.Range(0, Steps).Select(s => $"{CrashWorkload.InstanceId(i)} {s}"));
        lines.Should().Contain(expected);
        output.WriteLine($"side effects: {lines.Length} recorded for {Instances * Steps} activities ({lines.Length - lines.Distinct().Count()} repeats after kills)");
    }

    private Process StartHost(string effects)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { CrashHostPath(), _files.DatabasePath, effects, $"{Instances}", $"{Steps}" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The crash host did not start.");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            output.WriteLine($"  host: {line}");
        }
    }

    /// <summary>The host runs from its own build output, which has its runtime configuration.</summary>
    private static string CrashHostPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var path = Path.GetFullPath(Path.Combine(testOutput.FullName, "..", "..", "..", "..",
            "IptTriage.Durable.CrashHost", "bin", configuration, testOutput.Name, "IptTriage.Durable.CrashHost.dll"));
        return File.Exists(path) ? path : throw new FileNotFoundException("Build tests/IptTriage.Durable.CrashHost first.", path);
    }
}
