using Spectre.Console;

namespace IptTriage.Cli;

/// <summary>A Spectre console over the command's standard output, honouring what the terminal can do: without colour
/// or interactivity (pipes, CI logs) it writes plain text with no escape codes.</summary>
public static class TerminalConsole
{
    public static IAnsiConsole Create(TextWriter output, TerminalInfo terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal.Colour || terminal.Interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = terminal.Colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = terminal.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        console.Profile.Width = terminal.Width;
        return console;
    }
}
