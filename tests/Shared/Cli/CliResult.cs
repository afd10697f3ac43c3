using System.Text.Json;

namespace IptTriage.Testing;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public IReadOnlyList<JsonElement> Decisions =>
        [.. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];

    public IReadOnlyList<string> ReferralIds => [.. Decisions.Select(decision => decision.GetProperty("referralId").GetString()!)];

    public IReadOnlyList<string> Outcomes => [.. Decisions.Select(decision => decision.GetProperty("outcome").GetString()!)];
}
