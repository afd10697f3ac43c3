namespace IptTriage.Durable.Core.Replay;

/// <summary>The orchestrator code took a different path on replay than the one recorded in its history.</summary>
public sealed class NonDeterministicOrchestrationException(int step, string message)
    : Exception($"Non-deterministic orchestration: step {step} {message}")
{
    public int Step { get; } = step;
}
