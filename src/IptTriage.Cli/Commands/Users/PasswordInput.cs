using System.Text;
using IptTriage.Api.Security.Staff;

namespace IptTriage.Cli.Commands.Users;

/// <summary>A new password, never from the command line (where the shell's history and <c>ps</c> would show it): typed
/// twice at a terminal without echo, or the first line of standard input with <c>--password-stdin</c>.</summary>
internal static class PasswordInput
{
    /// <exception cref="UsageException">No password could be read, the two typed differ, or it is too short.</exception>
    public static string Read(CliStreams streams, bool fromStdin)
    {
        var password = fromStdin ? FirstLine(streams) : Typed(streams);
        if (StaffAccountRules.PasswordProblem(password) is { } problem) throw new UsageException($"{problem}; nothing was changed");
        return password;
    }

    private static string FirstLine(CliStreams streams)
    {
        using var stdin = new StreamReader(streams.OpenStdin(), new UTF8Encoding(false));
        return stdin.ReadLine() ?? throw new UsageException("--password-stdin: standard input is empty; nothing was changed");
    }

    private static string Typed(CliStreams streams)
    {
        if (!streams.StdinIsTerminal || streams.ReadHiddenLine is not { } read)
            throw new UsageException("no terminal to ask for the password on; pipe it in with --password-stdin");
        streams.Stderr.Write("Password: ");
        var password = read() ?? throw new UsageException("no password was typed; nothing was changed");
        streams.Stderr.Write("Password again: ");
        if (read() != password) throw new UsageException("the two passwords differ; nothing was changed");
        return password;
    }
}
