namespace IptTriage.Triage.Policy;

/// <summary>A versioned set of thresholds (<c>docs/triage-policy.md</c>). Loaded from a policy file; the default ships
/// embedded in this assembly.</summary>
public sealed record TriagePolicy(string Version /* thresholds: owned by the policy implementation */);

public static class PolicyFile
{
    public static TriagePolicy LoadDefault() => throw new NotImplementedException();

    /// <exception cref="PolicyFileException">The file is malformed or inconsistent; the message says what and where.</exception>
    public static TriagePolicy Load(Stream utf8Json, string sourceName) => throw new NotImplementedException();
}

public sealed class PolicyFileException(string message) : Exception(message);
