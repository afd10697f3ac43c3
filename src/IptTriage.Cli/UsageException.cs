namespace IptTriage.Cli;

/// <summary>The command line cannot be carried out as given (missing path, bad policy file). The message is shown to
/// the user as is, so it names paths but never form contents.</summary>
public sealed class UsageException(string message) : Exception(message);
