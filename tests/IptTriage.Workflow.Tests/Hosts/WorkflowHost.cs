using System.Reflection;
using Xunit.Sdk;

namespace IptTriage.Workflow.Tests.Hosts;

/// <summary>Where a test's orchestrations run: the project's embedded SQLite backend, or Microsoft's in-memory test host
/// (the reference for what Durable Functions' executor does).</summary>
public enum WorkflowHost
{
    Embedded,
    Microsoft,
}

/// <summary>Runs a theory once on each host, so every scenario and probe is checked on both against the same expectations.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothHostsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[WorkflowHost.Embedded], [WorkflowHost.Microsoft]];
}
