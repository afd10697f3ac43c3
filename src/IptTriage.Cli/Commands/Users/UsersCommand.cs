using System.CommandLine;
using System.Globalization;
using System.Text;
using IptTriage.Api.Security.Staff;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;

namespace IptTriage.Cli.Commands.Users;

/// <summary><c>iptriage users add|list|disable|reset-password</c>: the staff accounts people sign in to
/// <c>iptriage serve</c> with (<c>docs/cli.md</c>). Passwords are never arguments; <c>list</c> never shows a hash.</summary>
public static class UsersCommand
{
    public static Command Create(CliStreams streams)
    {
        var command = new Command("users", "Manage the staff accounts people sign in to 'iptriage serve' with.");
        command.Subcommands.Add(Add(streams));
        command.Subcommands.Add(List(streams));
        command.Subcommands.Add(Disable(streams));
        command.Subcommands.Add(ResetPassword(streams));
        return command;
    }

    private static Command Add(CliStreams streams)
    {
        var (username, data, passwordStdin) = (Username(), Data(), PasswordStdin());
        var role = new Option<string>("--role") { HelpName = "ROLE", Required = true, Description = "coordinator, supervisor, crisis or clinic:<clinicId>." };
        var name = new Option<string>("--name") { HelpName = "TEXT", Required = true, Description = "The person's name as others see it." };
        var command = new Command("add", "Create an account; asks for its password (at least 12 characters).") { username, role, name, data, passwordStdin };
        command.SetAction((parsed, cancellationToken) => RunAsync("add", streams, parsed.GetValue(data), async (store, clinics) =>
        {
            var user = StoredUsername(parsed.GetValue(username));
            var roleName = parsed.GetValue(role)!;
            if (StaffAccountRules.RoleProblem(roleName, clinics) is { } problem) throw new UsageException($"--role {problem}");
            var displayName = parsed.GetValue(name)!.Trim();
            if (displayName.Length is 0 or > 200) throw new UsageException("--name must be 1 to 200 characters");
            if (await store.FindAccountAsync(user, cancellationToken) is not null) throw new UsageException($"there is already an account '{user}'");
            var hash = StaffAccountRules.HashPassword(PasswordInput.Read(streams, parsed.GetValue(passwordStdin)));
            var account = new StaffAccount(user, displayName, roleName, hash, Disabled: false, FailedSignIns: 0, LockedUntil: null,
                StaffAccountRules.NewSecurityStamp(), DateTimeOffset.UtcNow);
            if (!await store.AddAccountAsync(account, Operator, cancellationToken)) throw new UsageException($"there is already an account '{user}'");
            return $"Account '{user}' ({roleName}) created.";
        }, cancellationToken));
        return command;
    }

    private static Command List(CliStreams streams)
    {
        var data = Data();
        var command = new Command("list", "List the accounts: username, role, state and name (never a password hash).") { data };
        command.SetAction((parsed, cancellationToken) => RunAsync("list", streams, parsed.GetValue(data), async (store, _) =>
        {
            var accounts = await store.ListAccountsAsync(cancellationToken);
            if (accounts.Count == 0) return "No accounts; create one with 'iptriage users add'.";
            var now = DateTimeOffset.UtcNow;
            string[][] rows = [["USERNAME", "ROLE", "STATE", "NAME"], .. accounts.Select(account => new[] { account.Username, account.Role, State(account, now), account.DisplayName })];
            var widths = Enumerable.Range(0, 3).Select(column => rows.Max(row => row[column].Length) + 2).ToArray();
            return string.Join(Environment.NewLine, rows.Select(row => string.Concat(row[..3].Select((cell, column) => cell.PadRight(widths[column]))) + row[3]));
        }, cancellationToken));
        return command;
    }

    private static Command Disable(CliStreams streams)
    {
        var (username, data) = (Username(), Data());
        var command = new Command("disable", "Disable an account: it can no longer sign in, and its open sessions end.") { username, data };
        command.SetAction((parsed, cancellationToken) => RunAsync("disable", streams, parsed.GetValue(data), async (store, _) =>
        {
            var user = StoredUsername(parsed.GetValue(username));
            if (!await store.DisableAccountAsync(user, StaffAccountRules.NewSecurityStamp(), DateTimeOffset.UtcNow, Operator, cancellationToken))
                throw new UsageException($"there is no account '{user}'");
            return $"Account '{user}' disabled; its sessions end at their next request.";
        }, cancellationToken));
        return command;
    }

    private static Command ResetPassword(CliStreams streams)
    {
        var (username, data, passwordStdin) = (Username(), Data(), PasswordStdin());
        var command = new Command("reset-password", "Set a new password; ends the account's sessions and any lockout.") { username, data, passwordStdin };
        command.SetAction((parsed, cancellationToken) => RunAsync("reset-password", streams, parsed.GetValue(data), async (store, _) =>
        {
            var user = StoredUsername(parsed.GetValue(username));
            if (await store.FindAccountAsync(user, cancellationToken) is null) throw new UsageException($"there is no account '{user}'");
            var hash = StaffAccountRules.HashPassword(PasswordInput.Read(streams, parsed.GetValue(passwordStdin)));
            if (!await store.ResetPasswordAsync(user, hash, StaffAccountRules.NewSecurityStamp(), DateTimeOffset.UtcNow, Operator, cancellationToken))
                throw new UsageException($"there is no account '{user}'");
            return $"Password of '{user}' reset; its sessions end at their next request.";
        }, cancellationToken));
        return command;
    }

    /// <summary>Who the account's history names for a change made here.</summary>
    private static string Operator => Actors.CommandLine(Environment.UserName);

    private static string State(StaffAccount account, DateTimeOffset now) =>
        account.Disabled ? "disabled"
        : account.LockedUntil > now ? $"locked until {account.LockedUntil.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC"
        : "active";

    private static string StoredUsername(string? username) =>
        StaffAccountRules.Username(username) ?? throw new UsageException($"USERNAME {StaffAccountRules.UsernameRule}");

    private static async Task<int> RunAsync(string name, CliStreams streams, string? dataDirectory, Func<IRecordStore, ClinicDirectory, Task<string>> action, CancellationToken cancellationToken)
    {
        try
        {
            var (store, clinics) = await AccountStore.OpenAsync(dataDirectory, cancellationToken);
            try
            {
                var said = await action(store, clinics);
                await streams.Stdout.WriteAsync(Encoding.UTF8.GetBytes(said + Environment.NewLine), cancellationToken);
                return ExitCodes.Success;
            }
            finally
            {
                if (store is IAsyncDisposable disposable) await disposable.DisposeAsync();
            }
        }
        catch (UsageException e)
        {
            streams.Stderr.WriteLine($"iptriage users {name}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ClinicDirectoryException)
        {
            // They name the file, never an account's password.
            streams.Stderr.WriteLine($"iptriage users {name}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            streams.Stderr.WriteLine($"iptriage users {name}: internal error ({e.GetType().FullName}); please report it.");
            return ExitCodes.InternalError;
        }
    }

    private static Argument<string> Username() => new("USERNAME") { Description = "Letters, digits, '.', '_' or '-' (kept lower-case); the audit trail names the person user:USERNAME." };

    private static Option<string> Data() => new("--data")
    {
        HelpName = "DIR",
        Description = "The data directory 'iptriage serve' uses (default: IptTriage:DataDirectory, or .iptriage).",
    };

    private static Option<bool> PasswordStdin() => new("--password-stdin") { Description = "Read the password from the first line of standard input instead of asking for it." };
}
