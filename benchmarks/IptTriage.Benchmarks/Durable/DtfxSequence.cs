using DurableTask.Core;

namespace IptTriage.Benchmarks.Durable;

/// <summary>The baseline's own counts, kept inside the orchestration and the activity rather than read from a backend.</summary>
public sealed class DtfxCounters
{
    private long episodes;
    private long activities;
    private long returned;
    private long dispatched;

    /// <summary>Invocations of the orchestration's <c>RunTask</c>: every episode, the replaying ones included (each
    /// episode replays the history from the start, so each is one call).</summary>
    public long OrchestratorEpisodes => Interlocked.Read(ref episodes);

    /// <summary>Orchestration episodes as the dispatcher runs them (its middleware, once per episode). Equal to
    /// <see cref="OrchestratorEpisodes"/> unless Azure Storage's extended sessions are on: then a loaded orchestration
    /// resumes its running <c>RunTask</c> for the next episode instead of calling it again.</summary>
    public long DispatchedEpisodes => Interlocked.Read(ref dispatched);

    /// <summary>Executions of the "Step" activity.</summary>
    public long ActivityExecutions => Interlocked.Read(ref activities);

    /// <summary>Episodes whose <c>RunTask</c> ran to its end, returning or throwing (the last of each instance, unless an
    /// episode is retried).
    /// Only a hint that the run is nearly done: completion is read back from the backend.</summary>
    public long OrchestrationsReturned => Interlocked.Read(ref returned);

    internal void Episode() => Interlocked.Increment(ref episodes);

    internal void Activity() => Interlocked.Increment(ref activities);

    internal void Returned() => Interlocked.Increment(ref returned);

    internal void Dispatched() => Interlocked.Increment(ref dispatched);

    internal void Reset()
    {
        Interlocked.Exchange(ref episodes, 0);
        Interlocked.Exchange(ref activities, 0);
        Interlocked.Exchange(ref returned, 0);
        Interlocked.Exchange(ref dispatched, 0);
    }
}

/// <summary>"Sequence": calls "Step" <c>steps</c> times in sequence, each with the previous result; returns the last.</summary>
internal sealed class DtfxSequenceOrchestration(DtfxCounters counters) : TaskOrchestration<int, int>
{
    public const string Name = "Sequence";

    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        counters.Episode();
        var value = 0;
        try
        {
            for (var i = 0; i < input; i++)
            {
                // The parameters are a params object[]: DTFx sends the activity the JSON array [value], and
                // TaskActivity<TInput, TResult> takes its single element as the input.
                value = await context.ScheduleTask<int>(DtfxStepActivity.Name, string.Empty, value);
            }
        }
        finally
        {
            // Reached only when the instance ends (a failed step ends it too); earlier episodes stay suspended at
            // the await of a step that has no result yet, and DTFx drops them.
            counters.Returned();
        }

        return value;
    }
}

/// <summary>"Step": n → n + 1.</summary>
internal sealed class DtfxStepActivity(DtfxCounters counters) : TaskActivity<int, int>
{
    public const string Name = "Step";

    protected override int Execute(TaskContext context, int input)
    {
        counters.Activity();
        return input + 1;
    }
}

/// <summary>A new object per <see cref="Create"/>, as DTFx's type-based registration gives (not one shared instance).</summary>
internal sealed class DtfxCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> create;

    public DtfxCreator(string name, Func<T> create)
    {
        Name = name;
        Version = string.Empty;
        this.create = create;
    }

    public override T Create() => create();
}
