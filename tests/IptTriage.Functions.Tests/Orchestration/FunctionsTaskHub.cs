using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.Functions.Tests.Api;
using IptTriage.Records.Sqlite;
using IptTriage.Workflow.Records;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IptTriage.Functions.Tests.Orchestration;

/// <summary>
/// The app's orchestrator and activity functions, composed as <c>Program.cs</c> composes them
/// (<see cref="FunctionsServices.AddIptTriageFunctions"/>), run by the embedded engine in the task hub's place. The engine
/// runs every episode through <c>GrpcOrchestrationRunner.LoadAndRun</c>, the call the Durable Functions worker
/// extension's middleware makes, so replay, timers, retries and event delivery are Microsoft's executor's. Each task is
/// found by its <c>[Function]</c> name and trigger, as the Functions host finds it; an activity function gets a fresh
/// instance from a new scope per call, as the worker creates one per invocation.
/// </summary>
internal sealed class FunctionsTaskHub : IAsyncDisposable
{
    /// <summary>Durable Functions' isolated worker serializes orchestration inputs, outputs and events with the worker's
    /// serializer (<c>WorkerOptions.Serializer</c>: System.Text.Json, case-insensitive names); the embedded engine's
    /// default converter also includes fields. The hub uses Azure's, so what round-trips here round-trips there.</summary>
    private static readonly DataConverter AzureConverter = new JsonDataConverter(new JsonSerializerOptions { PropertyNameCaseInsensitive = true });

    private readonly IHost host;
    private readonly string dataDirectory;

    private FunctionsTaskHub(IHost host, string dataDirectory, ConcurrentQueue<(string, string)> activityCalls)
    {
        this.host = host;
        this.dataDirectory = dataDirectory;
        ActivityCalls = activityCalls;
    }

    public IServiceProvider Services => host.Services;

    /// <summary>The client a <c>[DurableClient]</c> parameter is given.</summary>
    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Every activity function call, in the order made, with the input the function received, serialized.</summary>
    public ConcurrentQueue<(string Name, string Input)> ActivityCalls { get; }

    public static string Serialize(object value) => AzureConverter.Serialize(value)!;

    public static T Deserialize<T>(string json) => AzureConverter.Deserialize<T>(json)!;

    public static async Task<FunctionsTaskHub> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("iptriage-functions-hub-").FullName;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IptTriage:DataDirectory"] = dataDirectory,
            ["IptTriage:AuditHashKey"] = Convert.ToBase64String(new byte[32]),
            [UnusedPostgres.Setting.Key] = UnusedPostgres.Setting.Value,
        }).AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging().AddIptTriageFunctions(builder.Configuration)
            .AddSingleton<IRecordStore>(_ => SqliteRecordStore.OpenAsync(Path.Combine(dataDirectory, "records.db")).GetAwaiter().GetResult());

        var activityCalls = new ConcurrentQueue<(string, string)>();
        builder.Services.AddDurableTaskWorker(worker => worker
            .UseSqlite(engine => engine.DatabasePath = Path.Combine(dataDirectory, "durable.db"))
            .Configure(options => options.DataConverter = AzureConverter));
        builder.Services.AddDurableTaskClient(client => client.UseSqlite().Configure(options => options.DataConverter = AzureConverter));
        builder.Services.AddOptions<DurableTaskRegistry>()
            .Configure<IServiceProvider>((registry, services) => AddFunctions(registry, services, activityCalls));

        var host = builder.Build();
        await host.StartAsync();
        return new FunctionsTaskHub(host, dataDirectory, activityCalls);
    }

    /// <summary>The finished instance; bounded so a referral stuck waiting fails the test instead of hanging it.</summary>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(dataDirectory, recursive: true);
    }

    private static void AddFunctions(DurableTaskRegistry registry, IServiceProvider services, ConcurrentQueue<(string, string)> calls)
    {
        foreach (var function in AppFunctions.With<OrchestrationTriggerAttribute>())
            registry.AddOrchestrator(function.Name, () => new OrchestratorFunction(function.Method, services));
        foreach (var function in AppFunctions.With<ActivityTriggerAttribute>())
            registry.AddActivity(function.Name, _ => new ActivityFunction(function, services, calls));
    }

    /// <summary>Invokes a function and awaits it; the result of a <see cref="Task{TResult}"/> function, else null.</summary>
    private static async Task<object?> InvokeAsync(MethodInfo method, object instance, object?[] arguments)
    {
        var task = (Task)method.Invoke(instance, arguments)!;
        await task;
        return method.ReturnType.IsGenericType ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    private static Type ResultType(MethodInfo method) => method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);

    /// <summary>An orchestrator function as the worker extension runs one: the function is invoked with the episode's
    /// context and reads its input from it. Durable Functions' context converts the stored input to whatever type
    /// <c>GetInput&lt;T&gt;</c> asks for; Microsoft's plain context returns it as deserialized for
    /// <see cref="InputType"/>, which is therefore the referral id's type.</summary>
    private sealed class OrchestratorFunction(MethodInfo method, IServiceProvider services) : ITaskOrchestrator
    {
        public Type InputType => typeof(string);

        public Type OutputType => ResultType(method);

        public Task<object?> RunAsync(TaskOrchestrationContext context, object? input) =>
            InvokeAsync(method, ActivatorUtilities.CreateInstance(services, method.DeclaringType!), [context]);
    }

    /// <summary>An activity function: its trigger parameter gets the input, deserialized as that parameter's type; a
    /// <see cref="CancellationToken"/> parameter gets none (the engine does not cancel activities).</summary>
    private sealed class ActivityFunction(AppFunction function, IServiceProvider services, ConcurrentQueue<(string, string)> calls) : ITaskActivity
    {
        public Type InputType => function.TriggerParameter.ParameterType;

        public Type OutputType => ResultType(function.Method);

        public async Task<object?> RunAsync(TaskActivityContext context, object? input)
        {
            calls.Enqueue((function.Name, AzureConverter.Serialize(input)!));
            await using var scope = services.CreateAsyncScope();
            var arguments = function.Method.GetParameters()
                .Select(parameter => parameter == function.TriggerParameter ? input : CancellationToken.None)
                .ToArray();
            return await InvokeAsync(function.Method, ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Method.DeclaringType!), arguments);
        }
    }
}
