using Microsoft.Extensions.Logging;

namespace IptTriage.Cli.Commands.Run;

/// <summary>The engine's and workflow's warnings and errors, one plain line each on the command's standard error, so
/// problems are seen without drawing over the progress display. Their messages carry ids and codes, never form content.</summary>
public sealed class StderrLoggerProvider(TextWriter stderr) : ILoggerProvider
{
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new StderrLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (gate) stderr.WriteLine(line);
    }

    private sealed class StderrLogger(StderrLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel) || StartFailureLog.IsStartFailure(category, eventId.Id)) return;
            // The exception's type only: its message could echo data.
            var failure = exception is null ? "" : $" ({exception.GetType().FullName})";
            provider.Write($"iptriage run: {logLevel.ToString().ToLowerInvariant()}: {category}: {formatter(state, exception)}{failure}");
        }
    }
}
