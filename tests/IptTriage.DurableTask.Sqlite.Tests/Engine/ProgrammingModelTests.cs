using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.DurableTask.Sqlite.Tests.Engine;

/// <summary>Microsoft's programming model through the embedded backend: class-based tasks from DI, event payloads,
/// replay-safe logging, and what the backend refuses.</summary>
public sealed class ProgrammingModelTests : IDisposable
{
    private readonly SqliteStoreSource _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task Class_based_orchestrators_and_activities_run_with_services_from_dependency_injection()
    {
        var greeting = new Greeting("Hello");
        await using var engine = await TestEngine.StartAsync(
            _stores.Open(),
            tasks => tasks.AddOrchestrator<GreetTwice>().AddActivity<Greet>(),
            configureServices: services => services.AddSingleton(greeting));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetTwice), "clinic");
        var done = await engine.WaitForCompletionAsync(id);

        done.ReadOutputAs<string>().Should().Be("Hello clinic / Hello clinic");
    }

    [Fact]
    public async Task A_delayed_start_is_refused_rather_than_started_at_once()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks.AddOrchestratorFunc<string?, string>(
            "Listener", (context, _) => context.WaitForExternalEvent<string>("Hello")));

        var start = () => engine.Client.ScheduleNewOrchestrationInstanceAsync(
            "Listener", null, new StartOrchestrationOptions("later", StartAt: engine.Clock.GetUtcNow().AddHours(1)));

        await start.Should().ThrowAsync<NotSupportedException>().WithMessage("*delayed starts*");
        (await engine.Client.GetInstanceAsync("later")).Should().BeNull();
    }

    [Theory]
    [InlineData("SubOrchestration", "CreateSubOrchestration")]
    [InlineData("ContinueAsNew", "CompleteOrchestration with status ContinuedAsNew")]
    public async Task An_action_the_backend_cannot_carry_out_fails_the_instance_saying_which(string orchestrator, string action)
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks
            .AddOrchestratorFunc<int, int>("SubOrchestration", (context, _) => context.CallSubOrchestratorAsync<int>("Child", 1))
            .AddOrchestratorFunc<int, int>("ContinueAsNew", (context, n) =>
            {
                context.ContinueAsNew(n + 1);
                return Task.FromResult(n);
            }));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, 0);
        var done = await engine.WaitForCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.Should().Be("NotSupportedException");
        done.FailureDetails.ErrorMessage.Should().Be($"The orchestration asked for '{action}', which the embedded SQLite backend does not support.");
    }

    [Theory]
    [InlineData(0.0)] // sessions off: every episode replays the whole history
    [InlineData(0.001)] // a session that has always expired by the next episode: the runner asks for the history again
    [InlineData(30.0)] // the default: episodes resume the executor Microsoft's runner kept
    public async Task Episodes_give_the_same_result_with_and_without_extended_sessions(double idleSeconds)
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks
            .AddActivityFunc<string, string>("Append", (_, text) => Task.FromResult(text + "+"))
            .AddOrchestratorFunc<string, string>("Chain", async (context, text) =>
            {
                for (var i = 0; i < 4; i++) text = await context.CallActivityAsync<string>("Append", text);
                return text;
            }),
            configure: options => options.ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(idleSeconds));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Chain", "x");
        var done = await engine.WaitForCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().Should().Be("x++++");
        (await engine.HistoryAsync(id)).Of(TaskScheduled).Select(e => e.EventId).Should().Equal(0, 1, 2, 3);
    }

    [Fact]
    public async Task History_has_the_events_Durable_Task_backends_keep_in_their_order()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks
            .AddActivityFunc<int, int>("Inc", (_, n) => Task.FromResult(n + 1))
            .AddOrchestratorFunc<int, int>("One", (context, n) => context.CallActivityAsync<int>("Inc", n)));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("One", 1);
        await engine.WaitForCompletionAsync(id);
        var history = await engine.HistoryAsync(id);

        history.Select(e => e.EventTypeCase).Should().Equal(
            OrchestratorStarted, ExecutionStarted, TaskScheduled, OrchestratorCompleted,
            OrchestratorStarted, TaskCompleted, ExecutionCompleted, OrchestratorCompleted);
        // DurableTask.Core wraps an activity's input in a one-element array; the activity still received the number.
        history.Of(TaskScheduled).Single().TaskScheduled.Input.Should().Be("[1]");
        history.Of(TaskCompleted).Single().TaskCompleted.Result.Should().Be("2");
        history.Of(ExecutionStarted).Single().ExecutionStarted.OrchestrationInstance.InstanceId.Should().Be(id);
    }

    [Fact]
    public async Task An_event_payload_of_the_wrong_shape_fails_the_orchestration_as_Microsofts_executor_does()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks.AddOrchestratorFunc<string?, int>(
            "WantsNumber", (context, _) => context.WaitForExternalEvent<int>("Score")));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("WantsNumber");

        await engine.Client.RaiseEventAsync(id, "Score", "private text");
        var done = await engine.WaitForCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.Should().Contain("Json");
    }

    [Fact]
    public async Task The_replay_safe_logger_writes_each_entry_once()
    {
        var logs = new CapturingLoggerProvider();
        await using var engine = await TestEngine.StartAsync(
            _stores.Open(),
            tasks => tasks
                .AddActivityFunc<int, int>("Inc", (_, n) => Task.FromResult(n + 1))
                .AddOrchestratorFunc<int, int>("Logged", async (context, n) =>
                {
                    var logger = context.CreateReplaySafeLogger("Workflow");
                    for (var i = 0; i < 3; i++)
                    {
                        logger.LogInformation("step {Step}", i);
                        n = await context.CallActivityAsync<int>("Inc", n);
                    }

                    return n;
                }),
            configureServices: services => services.AddLogging(logging => logging.AddProvider(logs)));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Logged", 0);
        await engine.WaitForCompletionAsync(id);

        logs.Messages.Where(m => m.StartsWith("step", StringComparison.Ordinal)).Should().Equal("step 0", "step 1", "step 2");
    }

    private sealed record Greeting(string Word);

    private sealed class Greet(Greeting greeting) : TaskActivity<string, string>
    {
        public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"{greeting.Word} {input}");
    }

    private sealed class GreetTwice : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
            await context.CallActivityAsync<string>(nameof(Greet), input) + " / " + await context.CallActivityAsync<string>(nameof(Greet), input);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(Messages);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
