using System.CommandLine;

namespace IptTriage.Cli.Commands.Policy;

/// <summary><c>iptriage policy ...</c>: trying a change to the triage policy before making it.</summary>
public static class PolicyCommand
{
    public static Command Create(CliStreams streams) =>
        new("policy", "Try a change to the triage policy: what it would decide differently, and which settings differ.")
        {
            WhatIfCommand.Create(streams),
            DiffCommand.Create(streams),
        };
}
