using System.CommandLine;
using System.Text;
using IptTriage.Api.Security;

namespace IptTriage.Cli.Commands.Keys;

/// <summary><c>iptriage keys hash</c>: what to configure as <c>Api:Keys:&lt;n&gt;:KeyHash</c> for a key read from
/// standard input, so the configuration never holds the key itself (<c>docs/cli.md</c>).</summary>
public static class KeysCommand
{
    public static Command Create(CliStreams streams)
    {
        var hash = new Command("hash", "Read an API key from the first line of standard input and print its KeyHash (sha256:<64 hex>).");
        hash.SetAction(_ => Hash(streams));
        var command = new Command("keys", "Work with API keys.");
        command.Subcommands.Add(hash);
        return command;
    }

    private static int Hash(CliStreams streams)
    {
        if (streams.StdinIsTerminal) streams.Stderr.WriteLine("iptriage keys hash: reading the key from standard input; end it with Enter");
        string? key;
        using (var stdin = new StreamReader(streams.OpenStdin(), new UTF8Encoding(false))) key = stdin.ReadLine();
        if (ApiKeyring.KeyProblem(key) is { } problem)
        {
            streams.Stderr.WriteLine($"iptriage keys hash: the key {problem}");
            return ExitCodes.UsageError;
        }
        streams.Stdout.Write(Encoding.UTF8.GetBytes(ApiKeyring.KeyHashOf(key!) + Environment.NewLine));
        return ExitCodes.Success;
    }
}
