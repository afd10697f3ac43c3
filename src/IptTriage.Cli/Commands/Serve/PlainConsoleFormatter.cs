using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace IptTriage.Cli.Commands.Serve;

/// <summary><c>serve</c>'s console log: the simple formatter's layout, but an exception is shown by its type only. Its
/// message or stack trace could quote a request or a form, and a person reading the console needs the sentence the
/// command prints, not a stack trace.</summary>
internal sealed class PlainConsoleFormatter() : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "iptriage";

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        if (StartFailureLog.IsStartFailure(logEntry.Category, logEntry.EventId.Id)) return;
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        var failure = logEntry.Exception is null ? "" : $" ({logEntry.Exception.GetType().FullName})";
        textWriter.Write($"{Level(logEntry.LogLevel)}: {logEntry.Category}[{logEntry.EventId.Id}]{Environment.NewLine}      {message}{failure}{Environment.NewLine}");
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
