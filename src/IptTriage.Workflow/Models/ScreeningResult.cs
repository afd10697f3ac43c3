using IptTriage.Triage.Decisions;

namespace IptTriage.Workflow.Models;

/// <summary>What the orchestration learns from screening: enough to choose its next step and deadlines, nothing that
/// identifies the client (orchestration history is kept by the durable backend).</summary>
public sealed record ScreeningResult(Outcome Outcome, Urgency Urgency, bool IsEmergency);
