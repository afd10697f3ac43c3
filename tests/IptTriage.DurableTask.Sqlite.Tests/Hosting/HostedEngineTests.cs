using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.DurableTask.Sqlite.Storage.Sqlite;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.DurableTask.Sqlite.Tests.Hosting;

public sealed class HostedEngineTests : IDisposable
{
    private readonly SqliteStoreSource _files = new();
    private readonly TaskCompletionSource _activityStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseActivity = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _activityRuns;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Shutdown_lets_a_running_activity_commit_and_takes_no_new_work_until_restart()
    {
        string id;
        using (var host = BuildHost())
        {
            await host.StartAsync();
            id = await host.Services.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync("TwoSteps");
            await _activityStarted.Task.WaitAsync(TestEngine.HangGuard);

            var stopping = host.StopAsync(TestEngine.HangGuard);
            _releaseActivity.SetResult();
            await stopping;
        }

        await using (var store = new SqliteOrchestrationStore(new SqliteStoreOptions(_files.DatabasePath)))
        {
            var pending = await store.OpenAsync(CancellationToken.None);
            pending.Activities.Should().BeEmpty("the running activity finished and its result was committed");
            pending.Messages.Should().ContainSingle().Which.Event.EventTypeCase.Should().Be(TaskCompleted);
            (await store.GetInstanceAsync(id, false, CancellationToken.None))!.Status.Should().Be(OrchestrationRuntimeStatus.Running);
        }

        using (var restarted = BuildHost())
        {
            await restarted.StartAsync();
            var client = restarted.Services.GetRequiredService<DurableTaskClient>();
            using var guard = new CancellationTokenSource(TestEngine.HangGuard);
            var done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, guard.Token);
            await restarted.StopAsync();

            done.ReadOutputAs<string>().Should().Be("slow,fast");
        }

        _activityRuns.Should().Be(1, "a committed activity result is never run again");
    }

    [Fact]
    public async Task A_second_engine_on_the_same_file_is_refused_with_a_clear_error()
    {
        using var first = BuildHost();
        await first.StartAsync();
        using var second = BuildHost();

        var start = () => second.StartAsync();

        await start.Should().ThrowAsync<InvalidOperationException>().WithMessage("*is in use by another engine process*");
        await first.StopAsync();
    }

    [Fact]
    public async Task A_file_from_the_earlier_home_made_executor_is_refused_with_a_plain_sentence()
    {
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_files.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 1";
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteOrchestrationStore(new SqliteStoreOptions(_files.DatabasePath));
        var open = () => store.OpenAsync(CancellationToken.None);

        await open.Should().ThrowAsync<InvalidOperationException>().WithMessage("*has schema version 1; this engine reads version 2*");
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services
            .AddDurableTaskWorker(worker => worker.AddTasks(tasks => tasks
                .AddActivityFunc<string, string>("Slow", async (_, input) =>
                {
                    Interlocked.Increment(ref _activityRuns);
                    _activityStarted.TrySetResult();
                    await _releaseActivity.Task;
                    return input;
                })
                .AddActivityFunc<string, string>("Fast", (_, input) => Task.FromResult(input))
                .AddOrchestratorFunc<string?, string>("TwoSteps", async (context, _) =>
                    await context.CallActivityAsync<string>("Slow", "slow") + "," + await context.CallActivityAsync<string>("Fast", "fast")))
                .UseSqlite(options => options.DatabasePath = _files.DatabasePath))
            .AddDurableTaskClient(client => client.UseSqlite());
        return builder.Build();
    }
}
