namespace IptTriage.DurableTask.Sqlite.Dispatch;

internal static class RuntimeStatus
{
    /// <summary>Finished for good: nothing more is delivered to the instance.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) => status is OrchestrationRuntimeStatus.Completed
        or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
