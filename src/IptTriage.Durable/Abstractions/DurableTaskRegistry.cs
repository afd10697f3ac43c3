using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Durable;

/// <summary>The orchestrators and activities a worker can run, registered by name as in Microsoft.DurableTask.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities = [];

    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory) =>
        Add(_orchestrators, name, factory, "orchestrator");

    /// <summary>Registers a class-based orchestrator under its type name; a new instance runs each episode.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>() where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(typeof(TOrchestrator).Name, services => ActivatorUtilities.CreateInstance<TOrchestrator>(services));

    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(
        TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator) =>
        AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(orchestrator));

    public DurableTaskRegistry AddOrchestratorFunc<TInput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task> orchestrator) =>
        AddOrchestratorFunc<TInput, object?>(name, async (context, input) =>
        {
            await orchestrator(context, input);
            return null;
        });

    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory) =>
        Add(_activities, name, factory, "activity");

    /// <summary>Registers a class-based activity under its type name; it is created per call from dependency injection.</summary>
    public DurableTaskRegistry AddActivity<TActivity>() where TActivity : class, ITaskActivity =>
        AddActivity(typeof(TActivity).Name, services => ActivatorUtilities.CreateInstance<TActivity>(services));

    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity) =>
        AddActivity(name, _ => new FuncActivity<TInput, TOutput>(activity));

    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput, Task> activity) =>
        AddActivityFunc<TInput, object?>(name, async (context, input) =>
        {
            await activity(context, input);
            return null;
        });

    internal ITaskOrchestrator? CreateOrchestrator(TaskName name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;

    internal ITaskActivity? CreateActivity(TaskName name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private DurableTaskRegistry Add<T>(Dictionary<TaskName, T> registry, TaskName name, T factory, string kind)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!registry.TryAdd(name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => run(context, input);
    }
}
