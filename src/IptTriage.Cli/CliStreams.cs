namespace IptTriage.Cli;

/// <summary>The process's standard streams, injectable so tests can run commands in-process.</summary>
/// <param name="OpenStdin">Opened only when a command reads standard input.</param>
/// <param name="Stdout">Raw bytes: decisions are written as UTF-8 without passing through a <see cref="TextWriter"/>.</param>
/// <param name="Stderr">Error messages; never personal data.</param>
/// <param name="Terminal">How to render human-readable output (colour, width).</param>
/// <param name="StdinIsTerminal">Standard input is a person typing, not a pipe or a file: a command reading it says so.</param>
/// <param name="ReadHiddenLine">On a terminal, reads a line without showing what is typed (a password); null elsewhere.</param>
public sealed record CliStreams(Func<Stream> OpenStdin, Stream Stdout, TextWriter Stderr, TerminalInfo Terminal, bool StdinIsTerminal = false, Func<string?>? ReadHiddenLine = null)
{
    public static CliStreams ForConsole(Stream stdout) =>
        new(Console.OpenStandardInput, stdout, Console.Error, TerminalInfo.DetectStdout(), StdinIsTerminal: !Console.IsInputRedirected,
            ReadHiddenLine: Console.IsInputRedirected ? null : ReadConsoleLineUnechoed);

    /// <returns>Null when the input ends (Ctrl+D) before Enter.</returns>
    private static string? ReadConsoleLineUnechoed()
    {
        var typed = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.Error.WriteLine();
                    return typed.ToString();
                case ConsoleKey.Backspace:
                    if (typed.Length > 0) typed.Length--;
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control):
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
                    break;
            }
        }
    }
}

/// <param name="Colour">Whether ANSI colours may be written.</param>
/// <param name="Width">Columns available for tables.</param>
/// <param name="Interactive">A terminal that can redraw in place (live progress); false for pipes and files.</param>
public sealed record TerminalInfo(bool Colour, int Width, bool Interactive = false)
{
    /// <summary>Redirected output: no colour, and a width wide enough that table rows stay on one line.</summary>
    public static TerminalInfo Redirected { get; } = new(false, 512);

    public static TerminalInfo DetectStdout()
    {
        if (Console.IsOutputRedirected) return Redirected;
        var colour = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        return new TerminalInfo(colour, Math.Max(Console.WindowWidth, 80), Interactive: true);
    }
}
