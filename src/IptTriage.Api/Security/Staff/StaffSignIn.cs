using IptTriage.Workflow.Records;

namespace IptTriage.Api.Security.Staff;

/// <summary>The <c>Api:SignIn</c> settings of staff sign-in (<c>docs/api.md</c> "Signing in").</summary>
public sealed class SignInOptions
{
    public const string SectionName = "Api:SignIn";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A session with no request for this long ends; each request keeps it going (sliding expiry).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <exception cref="InvalidOperationException">A setting is out of range; the message names it.</exception>
    public SignInOptions Validated()
    {
        if (LockoutThreshold < 1) throw new InvalidOperationException($"{SectionName}:{nameof(LockoutThreshold)} must be at least 1.");
        if (LockoutDuration <= TimeSpan.Zero) throw new InvalidOperationException($"{SectionName}:{nameof(LockoutDuration)} must be positive.");
        if (IdleTimeout < TimeSpan.FromMinutes(1)) throw new InvalidOperationException($"{SectionName}:{nameof(IdleTimeout)} must be at least a minute.");
        return this;
    }
}

/// <summary>Checks a username and password against the staff accounts. Every refusal looks the same to the caller (an
/// unknown user, a wrong password, a disabled or locked account); the account records its failures and lockouts.</summary>
public sealed class StaffSignIn(IStaffAccounts accounts, SignInOptions options)
{
    /// <returns>The account signed in to; null when the sign-in is refused.</returns>
    public async Task<StaffAccount?> SignInAsync(string? username, string? password, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stored = StaffAccountRules.Username(username);
        var account = stored is null ? null : await accounts.FindAccountAsync(stored, cancellationToken);
        // The hash is checked whatever else is wrong, so the time taken does not tell an unknown user from a known one.
        var verified = StaffAccountRules.Verifies(account, password ?? "");
        if (account is null || account.Disabled) return null;
        if (account.LockedUntil > now) return null;
        if (!verified)
        {
            await accounts.RecordFailedSignInAsync(account.Username, now, options.LockoutThreshold, options.LockoutDuration, cancellationToken);
            return null;
        }
        await accounts.RecordSignInAsync(account.Username, cancellationToken);
        return account;
    }
}
