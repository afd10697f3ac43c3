using IptTriage.Triage;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;

namespace IptTriage.Records.Sqlite;

/// <summary>The staff accounts (<see cref="IStaffAccounts"/>): each change and its event in one IMMEDIATE transaction.</summary>
public sealed partial class SqliteRecordStore
{
    private const string AccountColumns = "username, display_name, role, password_hash, disabled, failed_sign_ins, locked_until, security_stamp, created_at";

    public Task<bool> AddAccountAsync(StaffAccount account, string actor, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync(
            $"INSERT INTO staff_accounts ({AccountColumns}) VALUES ($user, $name, $role, $hash, $disabled, $failed, $locked, $stamp, $at) ON CONFLICT (username) DO NOTHING",
            new StaffAccountEvent(account.Username, account.CreatedAt, StaffAccountEventKind.Created, actor), cancellationToken,
            ("$name", account.DisplayName), ("$role", account.Role), ("$hash", account.PasswordHash), ("$disabled", account.Disabled),
            ("$failed", account.FailedSignIns), ("$locked", account.LockedUntil.ToDb()), ("$stamp", account.SecurityStamp));

    public async Task<StaffAccount?> FindAccountAsync(string username, CancellationToken cancellationToken = default) =>
        (await database.QueryAsync($"SELECT {AccountColumns} FROM staff_accounts WHERE username = $user", ReadAccount, cancellationToken, ("$user", username)))
        .SingleOrDefault();

    public async Task<IReadOnlyList<StaffAccount>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        await database.QueryAsync($"SELECT {AccountColumns} FROM staff_accounts ORDER BY username", ReadAccount, cancellationToken);

    public Task<bool> DisableAccountAsync(string username, string securityStamp, DateTimeOffset at, string actor, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync("UPDATE staff_accounts SET disabled = 1, security_stamp = $stamp WHERE username = $user",
            new StaffAccountEvent(username, at, StaffAccountEventKind.Disabled, actor), cancellationToken, ("$stamp", securityStamp));

    public Task<bool> ResetPasswordAsync(string username, string passwordHash, string securityStamp, DateTimeOffset at, string actor, CancellationToken cancellationToken = default) =>
        ChangeAccountAsync(
            "UPDATE staff_accounts SET password_hash = $hash, security_stamp = $stamp, failed_sign_ins = 0, locked_until = NULL WHERE username = $user",
            new StaffAccountEvent(username, at, StaffAccountEventKind.PasswordReset, actor), cancellationToken, ("$hash", passwordHash), ("$stamp", securityStamp));

    public async Task<StaffAccount?> RecordFailedSignInAsync(string username, DateTimeOffset at, int lockoutThreshold, TimeSpan lockoutDuration, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var count = SqliteCommands.Create(connection,
            $"""
            UPDATE staff_accounts SET
                failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= $threshold THEN 0 ELSE failed_sign_ins + 1 END,
                locked_until = CASE WHEN failed_sign_ins + 1 >= $threshold THEN $until ELSE locked_until END
            WHERE username = $user
            RETURNING {AccountColumns}, failed_sign_ins = 0 AS locked_now
            """,
            ("$user", username), ("$threshold", lockoutThreshold), ("$until", at.Add(lockoutDuration).ToDb()));
        count.Transaction = transaction;
        StaffAccount? account = null;
        var lockedNow = false;
        await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                account = ReadAccount(reader);
                lockedNow = reader.GetBoolean(reader.GetOrdinal("locked_now"));
            }
        }
        if (lockedNow) await InsertAccountEventAsync(connection, transaction, new StaffAccountEvent(username, at, StaffAccountEventKind.LockedOut, Actors.System), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return account;
    }

    public Task RecordSignInAsync(string username, CancellationToken cancellationToken = default) =>
        database.ExecuteAsync("UPDATE staff_accounts SET failed_sign_ins = 0 WHERE username = $user AND failed_sign_ins <> 0", cancellationToken, ("$user", username));

    public async Task<IReadOnlyList<StaffAccountEvent>> ReadAccountEventsAsync(string username, CancellationToken cancellationToken = default) =>
        await database.QueryAsync(
            "SELECT username, at, kind, actor FROM staff_account_events WHERE username = $user ORDER BY id",
            reader => new StaffAccountEvent(reader.GetString(0), reader.GetTime("at"), StoredCode.Parse<StaffAccountEventKind>(reader.GetString(2)), reader.GetString(3)),
            cancellationToken, ("$user", username));

    /// <summary>Runs <paramref name="change"/> on the account <paramref name="accountEvent"/> names and, when it changed
    /// a row, appends the event, in one transaction.</summary>
    private async Task<bool> ChangeAccountAsync(string change, StaffAccountEvent accountEvent, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var command = SqliteCommands.Create(connection, change, [("$user", accountEvent.Username), ("$at", accountEvent.At.ToDb()), .. parameters]);
        command.Transaction = transaction;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1) return false;
        await InsertAccountEventAsync(connection, transaction, accountEvent, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task InsertAccountEventAsync(SqliteConnection connection, SqliteTransaction transaction, StaffAccountEvent accountEvent, CancellationToken cancellationToken)
    {
        await using var insert = SqliteCommands.Create(connection,
            "INSERT INTO staff_account_events (username, at, kind, actor) VALUES ($user, $at, $kind, $actor)",
            ("$user", accountEvent.Username), ("$at", accountEvent.At.ToDb()), ("$kind", WireCode.Of(accountEvent.Kind)), ("$actor", accountEvent.Actor));
        insert.Transaction = transaction;
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static StaffAccount ReadAccount(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("username")), reader.GetString(reader.GetOrdinal("display_name")), reader.GetString(reader.GetOrdinal("role")),
        reader.GetString(reader.GetOrdinal("password_hash")), reader.GetBoolean(reader.GetOrdinal("disabled")), reader.GetInt32(reader.GetOrdinal("failed_sign_ins")),
        reader.GetTimeOrNull("locked_until"), reader.GetString(reader.GetOrdinal("security_stamp")), reader.GetTime("created_at"));
}
