
namespace IptTriage.Cli.Tests.Run;

/// <summary>Runs of the workflow one at a time: each starts an engine, and the simulated ones run on an accelerated
/// clock that should not have to share two cores with another.</summary>
[CollectionDefinition(Name)]
public sealed class RunCollection
{
    public const string Name = "iptriage run";
}
