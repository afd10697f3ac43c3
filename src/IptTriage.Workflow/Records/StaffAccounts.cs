namespace IptTriage.Workflow.Records;

/// <summary>A person who signs in to the local host (<c>iptriage users</c>, <c>docs/cli.md</c>). The audit trail names
/// them <c>user:&lt;username&gt;</c>.</summary>
/// <param name="Username">An id (letters, digits, '.', '_', '-'), stored lower-case: it is what the audit trail records.</param>
/// <param name="Role"><c>coordinator</c>, <c>supervisor</c>, <c>crisis</c> or <c>clinic:&lt;clinicId&gt;</c>.</param>
/// <param name="PasswordHash">ASP.NET Core Identity's password hash (salted PBKDF2); never the password.</param>
/// <param name="FailedSignIns">Wrong passwords in a row since the last sign-in, reset by a lockout.</param>
/// <param name="LockedUntil">Until then a sign-in is refused whatever the password.</param>
/// <param name="SecurityStamp">Changes when the account is disabled or its password reset, so a session cookie issued
/// before stops working.</param>
public sealed record StaffAccount(
    string Username,
    string DisplayName,
    string Role,
    string PasswordHash,
    bool Disabled,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    string SecurityStamp,
    DateTimeOffset CreatedAt);

/// <summary>What happened to an account, appended beside the change it records.</summary>
public enum StaffAccountEventKind { Created, Disabled, PasswordReset, LockedOut }

/// <param name="Actor">Who made the change (<see cref="Actors"/>; an operator at the command line is <c>cli:&lt;os user&gt;</c>),
/// or <see cref="Actors.System"/> for a lockout.</param>
public sealed record StaffAccountEvent(string Username, DateTimeOffset At, StaffAccountEventKind Kind, string Actor);

/// <summary>The staff accounts and their history. Every change is one transaction with its event.</summary>
public interface IStaffAccounts
{
    /// <summary>Stores a new account with a <see cref="StaffAccountEventKind.Created"/> event; false (and nothing
    /// changes) when the username is taken.</summary>
    Task<bool> AddAccountAsync(StaffAccount account, string actor, CancellationToken cancellationToken = default);

    Task<StaffAccount?> FindAccountAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>Every account, by username.</summary>
    Task<IReadOnlyList<StaffAccount>> ListAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>Disables the account and changes its stamp to <paramref name="securityStamp"/>; false when there is no such account.</summary>
    Task<bool> DisableAccountAsync(string username, string securityStamp, DateTimeOffset at, string actor, CancellationToken cancellationToken = default);

    /// <summary>Sets a new password hash and stamp and clears failures and any lockout; false when there is no such account.</summary>
    Task<bool> ResetPasswordAsync(string username, string passwordHash, string securityStamp, DateTimeOffset at, string actor, CancellationToken cancellationToken = default);

    /// <summary>Counts a wrong password, atomically: the <paramref name="lockoutThreshold"/>th in a row locks the account
    /// until <paramref name="at"/> + <paramref name="lockoutDuration"/>, restarts the count and appends a
    /// <see cref="StaffAccountEventKind.LockedOut"/> event.</summary>
    /// <returns>The account after the count; null when there is no such account.</returns>
    Task<StaffAccount?> RecordFailedSignInAsync(string username, DateTimeOffset at, int lockoutThreshold, TimeSpan lockoutDuration, CancellationToken cancellationToken = default);

    /// <summary>A right password: the count of failures starts again.</summary>
    Task RecordSignInAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>The account's events, oldest first.</summary>
    Task<IReadOnlyList<StaffAccountEvent>> ReadAccountEventsAsync(string username, CancellationToken cancellationToken = default);
}
