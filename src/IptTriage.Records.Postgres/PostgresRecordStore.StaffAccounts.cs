using IptTriage.Triage;
using IptTriage.Workflow.Records;
using Npgsql;
using static IptTriage.Records.Postgres.PostgresCommands;

namespace IptTriage.Records.Postgres;

/// <summary>The staff accounts (<see cref="IStaffAccounts"/>): each change and its event in one statement.</summary>
public sealed partial class PostgresRecordStore
{
    private const string AccountColumns = "username, display_name, role, password_hash, disabled, failed_sign_ins, locked_until, security_stamp, created_at";

    private const string InsertAccountEvent = "INSERT INTO staff_account_events (username, at, kind, actor) SELECT username, @at, @kind, @actor FROM changed";

    public Task<bool> AddAccountAsync(StaffAccount account, string actor, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync(
            $"INSERT INTO staff_accounts ({AccountColumns}) VALUES (@user, @name, @role, @hash, @disabled, @failed, @locked, @stamp, @at) ON CONFLICT (username) DO NOTHING",
            new StaffAccountEvent(account.Username, account.CreatedAt, StaffAccountEventKind.Created, actor), cancellationToken,
            Arg("name", account.DisplayName), Arg("role", account.Role), Arg("hash", account.PasswordHash), Arg("disabled", account.Disabled),
            Arg("failed", account.FailedSignIns), Arg("locked", account.LockedUntil), Arg("stamp", account.SecurityStamp));

    public async Task<StaffAccount?> FindAccountAsync(string username, CancellationToken cancellationToken = default) =>
        (await dataSource.QueryAsync($"SELECT {AccountColumns} FROM staff_accounts WHERE username = @user", ReadAccount, cancellationToken, Arg("user", username)))
        .SingleOrDefault();

    public async Task<IReadOnlyList<StaffAccount>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync($"SELECT {AccountColumns} FROM staff_accounts ORDER BY username", ReadAccount, cancellationToken);

    public Task<bool> DisableAccountAsync(string username, string securityStamp, DateTimeOffset at, string actor, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync("UPDATE staff_accounts SET disabled = true, security_stamp = @stamp WHERE username = @user",
            new StaffAccountEvent(username, at, StaffAccountEventKind.Disabled, actor), cancellationToken, Arg("stamp", securityStamp));

    public Task<bool> ResetPasswordAsync(string username, string passwordHash, string securityStamp, DateTimeOffset at, string actor, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync(
            "UPDATE staff_accounts SET password_hash = @hash, security_stamp = @stamp, failed_sign_ins = 0, locked_until = NULL WHERE username = @user",
            new StaffAccountEvent(username, at, StaffAccountEventKind.PasswordReset, actor), cancellationToken, Arg("hash", passwordHash), Arg("stamp", securityStamp));

    public async Task<StaffAccount?> RecordFailedSignInAsync(string username, DateTimeOffset at, int lockoutThreshold, TimeSpan lockoutDuration, CancellationToken cancellationToken = default) =>
        // The row lock of the UPDATE serialises concurrent failures, so the threshold is met exactly once.
        (await dataSource.QueryAsync(
            $"""
            WITH changed AS (
                UPDATE staff_accounts SET
                    failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @threshold THEN 0 ELSE failed_sign_ins + 1 END,
                    locked_until = CASE WHEN failed_sign_ins + 1 >= @threshold THEN @until ELSE locked_until END
                WHERE username = @user
                RETURNING {AccountColumns}, failed_sign_ins = 0 AS locked_now),
            logged AS ({InsertAccountEvent} WHERE locked_now)
            SELECT {AccountColumns} FROM changed
            """,
            ReadAccount, cancellationToken,
            Arg("user", username), Arg("threshold", lockoutThreshold), Arg("until", at.Add(lockoutDuration)), Arg("at", at),
            Arg("kind", WireCode.Of(StaffAccountEventKind.LockedOut)), Arg("actor", Actors.System)))
        .SingleOrDefault();

    public Task RecordSignInAsync(string username, CancellationToken cancellationToken = default) =>
        dataSource.ExecuteAsync("UPDATE staff_accounts SET failed_sign_ins = 0 WHERE username = @user AND failed_sign_ins <> 0", cancellationToken, Arg("user", username));

    public async Task<IReadOnlyList<StaffAccountEvent>> ReadAccountEventsAsync(string username, CancellationToken cancellationToken = default) =>
        await dataSource.QueryAsync(
            "SELECT username, at, kind, actor FROM staff_account_events WHERE username = @user ORDER BY id",
            reader => new StaffAccountEvent(reader.Get<string>("username"), reader.Get<DateTimeOffset>("at"), StoredCode.Parse<StaffAccountEventKind>(reader.Get<string>("kind")), reader.Get<string>("actor")),
            cancellationToken, Arg("user", username));

    /// <summary>Runs <paramref name="change"/> (which names the account <c>@user</c>) and, when it changed a row,
    /// appends <paramref name="accountEvent"/>, in one statement.</summary>
    private async Task<bool> ChangeAccountAsync(string change, StaffAccountEvent accountEvent, CancellationToken cancellationToken, params NpgsqlParameter[] parameters) =>
        await dataSource.ExecuteAsync(
            $"WITH changed AS ({change} RETURNING username) {InsertAccountEvent}",
            cancellationToken,
            [Arg("user", accountEvent.Username), Arg("at", accountEvent.At), Arg("kind", WireCode.Of(accountEvent.Kind)), Arg("actor", accountEvent.Actor), .. parameters]) == 1;

    private static StaffAccount ReadAccount(NpgsqlDataReader reader) => new(
        reader.Get<string>("username"), reader.Get<string>("display_name"), reader.Get<string>("role"), reader.Get<string>("password_hash"),
        reader.Get<bool>("disabled"), reader.Get<int>("failed_sign_ins"), reader.GetTimeOrNull("locked_until"), reader.Get<string>("security_stamp"),
        reader.Get<DateTimeOffset>("created_at"));
}
