namespace IptTriage.Cli;

/// <summary>The process exit codes documented in <c>docs/cli.md</c>.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidForms = 1;

    /// <summary><c>policy diff</c>: the policies differ (as <c>diff</c> exits 1).</summary>
    public const int Differences = 1;
    public const int UsageError = 2;
    public const int InternalError = 3;

    /// <summary>Ctrl+C (SIGINT), by the shell's convention of 128 + the signal number.</summary>
    public const int Interrupted = 130;
}
