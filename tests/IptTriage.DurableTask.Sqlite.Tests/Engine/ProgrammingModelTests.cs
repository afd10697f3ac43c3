using System.Collections.Concurrent;
using IptTriage.Durable.Core.History;
using IptTriage.Durable.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Durable.Tests.Engine;

/// <summary>Programming-model details that do not depend on the store (run on the in-memory store).</summary>
public sealed class ProgrammingModelTests : IDisposable
{
    private readonly InMemoryStoreSource _stores = new();

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
    public async Task An_event_raised_before_a_delayed_start_is_kept_for_the_orchestrator()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks.AddOrchestratorFunc<string?, string>(
            "Listener", (context, _) => context.WaitForExternalEvent<string>("Hello")));
        var startAt = engine.Clock.GetUtcNow().AddHours(1);

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("Listener", null, new StartOrchestrationOptions(StartAt: startAt));
        await engine.Client.RaiseEventAsync(id, "Hello", "early bird");
        await engine.WaitForHistoryAsync(id, h => h.OfType<EventRaisedEvent>().Any());
        var beforeStart = await engine.Client.GetInstanceAsync(id);
        var done = await engine.AdvanceUntilCompletedAsync(id);

        beforeStart!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Pending);
        done.ReadOutputAs<string>().Should().Be("early bird");
        done.LastUpdatedAt.Should().BeOnOrAfter(startAt, "the orchestrator ran only once the start time had come");
    }

    [Fact]
    public async Task An_event_payload_of_the_wrong_shape_fails_the_wait_with_a_clear_error_and_no_payload_in_it()
    {
        await using var engine = await TestEngine.StartAsync(_stores.Open(), tasks => tasks.AddOrchestratorFunc<string?, int>(
            "WantsNumber", (context, _) => context.WaitForExternalEvent<int>("Score")));
        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync("WantsNumber", null);

        await engine.Client.RaiseEventAsync(id, "Score", "private text");
        var done = await engine.WaitForCompletionAsync(id);

        done.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorMessage.Should().Be("The result of event 'Score' cannot be read as Int32.");
        done.FailureDetails.ToString().Should().NotContain("private text");
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
