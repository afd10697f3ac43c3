using IptTriage.Cli.Tests.Support;
using IptTriage.Records.Sqlite;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;

namespace IptTriage.Cli.Tests.Users;

/// <summary><c>iptriage users</c> against a real data directory: accounts with hashed passwords, read from standard
/// input or typed unechoed twice, never from the command line, and never shown back.</summary>
public sealed class UsersCommandTests : IDisposable
{
    private const string Password = "a long enough passphrase";

    private readonly TempDirectory data = new();

    [Fact]
    public async Task Add_keeps_an_identity_hash_of_the_password_and_list_shows_the_account_without_it()
    {
        var added = InProcessCli.RunWithStdin(Password + "\n", "users", "add", "Alice.Smith", "--role", "coordinator", "--name", "Alice Smith", "--password-stdin", "--data", data.Path);

        added.ExitCode.Should().Be(ExitCodes.Success, added.Stderr);
        added.Stdout.Should().Contain("alice.smith");
        var account = await FindAsync("alice.smith");
        account!.Role.Should().Be("coordinator");
        account.DisplayName.Should().Be("Alice Smith");
        new PasswordHasher<StaffAccount>().VerifyHashedPassword(account, account.PasswordHash, Password).Should().Be(PasswordVerificationResult.Success);
        account.PasswordHash.Should().NotContain(Password);

        var listed = InProcessCli.Run("users", "list", "--data", data.Path);
        listed.ExitCode.Should().Be(ExitCodes.Success, listed.Stderr);
        listed.Stdout.Should().MatchRegex(@"alice\.smith\s+coordinator\s+active\s+Alice Smith");
        listed.Stdout.Should().NotContain(account.PasswordHash).And.NotContain("AQAAAA", "no hash of any kind is shown");
    }

    [Fact]
    public async Task A_password_typed_at_a_terminal_is_asked_twice_and_two_that_differ_change_nothing()
    {
        var typed = InProcessCli.RunTypingHidden(["a long enough passphrase", "a long enough passphrase"], "users", "add", "bob", "--role", $"clinic:{FirstClinic()}", "--name", "Bob", "--data", data.Path);
        typed.ExitCode.Should().Be(ExitCodes.Success, typed.Stderr);
        typed.Stderr.Should().Contain("Password: ").And.Contain("Password again: ").And.NotContain(Password);

        var differing = InProcessCli.RunTypingHidden(["a long enough passphrase", "another long passphrase"], "users", "reset-password", "bob", "--data", data.Path);
        differing.ExitCode.Should().Be(ExitCodes.UsageError);
        differing.Stderr.Should().Contain("the two passwords differ; nothing was changed");
        (await EventsAsync("bob")).Select(entry => entry.Kind).Should().Equal(StaffAccountEventKind.Created);
    }

    [Theory]
    [InlineData("short one", "--role", "coordinator", "the password must be at least 12 characters; nothing was changed")]
    [InlineData(Password, "--role", "intake", "--role 'intake' is not 'coordinator', 'supervisor', 'crisis' or 'clinic:<clinicId>'")]
    [InlineData(Password, "--role", "clinic:nowhere", "--role 'clinic:nowhere' names a clinic that is not in the clinic directory")]
    public async Task Add_refuses_a_short_password_or_a_role_that_is_no_staff_role_and_stores_nothing(string password, string option, string role, string message)
    {
        var refused = InProcessCli.RunWithStdin(password + "\n", "users", "add", "carol", option, role, "--name", "Carol", "--password-stdin", "--data", data.Path);

        refused.ExitCode.Should().Be(ExitCodes.UsageError);
        refused.Stderr.Trim().Should().Be($"iptriage users add: {message}");
        refused.Stderr.Should().NotContain(password);
        (await FindAsync("carol")).Should().BeNull();
    }

    [Fact]
    public void Without_a_terminal_or_password_stdin_there_is_no_password_and_a_username_that_is_no_id_is_refused()
    {
        var piped = InProcessCli.RunWithStdin(Password + "\n", "users", "add", "dave", "--role", "crisis", "--name", "Dave", "--data", data.Path);
        piped.ExitCode.Should().Be(ExitCodes.UsageError);
        piped.Stderr.Should().Contain("no terminal to ask for the password on; pipe it in with --password-stdin");

        var badName = InProcessCli.RunWithStdin(Password + "\n", "users", "add", "dave@example.org", "--role", "crisis", "--name", "Dave", "--password-stdin", "--data", data.Path);
        badName.ExitCode.Should().Be(ExitCodes.UsageError);
        badName.Stderr.Should().Contain("USERNAME must be 1 to 64 letters, digits, '.', '_' or '-'");
    }

    [Fact]
    public async Task A_taken_username_is_refused_and_disable_and_reset_change_the_stamp_and_are_recorded()
    {
        Add("erin", "supervisor");
        var stamp = (await FindAsync("erin"))!.SecurityStamp;
        InProcessCli.RunWithStdin(Password + "\n", "users", "add", "ERIN", "--role", "crisis", "--name", "E", "--password-stdin", "--data", data.Path)
            .Stderr.Should().Contain("there is already an account 'erin'");

        var reset = InProcessCli.RunWithStdin("a different passphrase\n", "users", "reset-password", "erin", "--password-stdin", "--data", data.Path);
        reset.ExitCode.Should().Be(ExitCodes.Success, reset.Stderr);
        var afterReset = await FindAsync("erin");
        afterReset!.SecurityStamp.Should().NotBe(stamp);
        new PasswordHasher<StaffAccount>().VerifyHashedPassword(afterReset, afterReset.PasswordHash, "a different passphrase").Should().Be(PasswordVerificationResult.Success);

        InProcessCli.Run("users", "disable", "erin", "--data", data.Path).ExitCode.Should().Be(ExitCodes.Success);
        var disabled = await FindAsync("erin");
        disabled!.Disabled.Should().BeTrue();
        disabled.SecurityStamp.Should().NotBe(afterReset.SecurityStamp);
        InProcessCli.Run("users", "list", "--data", data.Path).Stdout.Should().MatchRegex(@"erin\s+supervisor\s+disabled");
        InProcessCli.Run("users", "disable", "nobody", "--data", data.Path).Stderr.Should().Contain("there is no account 'nobody'");
        (await EventsAsync("erin")).Select(entry => (entry.Kind, entry.Actor)).Should().Equal(
            (StaffAccountEventKind.Created, $"cli:{Environment.UserName}"), (StaffAccountEventKind.PasswordReset, $"cli:{Environment.UserName}"),
            (StaffAccountEventKind.Disabled, $"cli:{Environment.UserName}"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        data.Dispose();
    }

    private void Add(string username, string role) =>
        InProcessCli.RunWithStdin(Password + "\n", "users", "add", username, "--role", role, "--name", username, "--password-stdin", "--data", data.Path)
            .ExitCode.Should().Be(ExitCodes.Success);

    private async Task<StaffAccount?> FindAsync(string username) => await (await Store()).FindAccountAsync(username);

    private async Task<IReadOnlyList<StaffAccountEvent>> EventsAsync(string username) => await (await Store()).ReadAccountEventsAsync(username);

    private Task<SqliteRecordStore> Store() => SqliteRecordStore.OpenAsync(Path.Combine(data.Path, "records.db"));

    private static string FirstClinic()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "clinics.json");
        using var file = File.OpenRead(path);
        return ClinicDirectory.Load(file, path).Clinics[0].Id;
    }
}
