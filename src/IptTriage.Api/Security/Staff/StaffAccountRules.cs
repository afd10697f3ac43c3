using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;
using Microsoft.AspNetCore.Identity;

namespace IptTriage.Api.Security.Staff;

/// <summary>What a staff account may hold, and how its password is hashed: ASP.NET Core Identity's
/// <see cref="PasswordHasher{TUser}"/> (PBKDF2 with a per-password salt, its format versioned in the hash).
/// Messages name the field, never the value of a password.</summary>
public static class StaffAccountRules
{
    /// <summary>The shortest password accepted: long enough that a passphrase, not a pattern, is what it takes.</summary>
    public const int MinimumPasswordLength = 12;

    private static readonly PasswordHasher<StaffAccount> Hasher = new();

    /// <summary>A hash of no password, verified when the username is unknown so that the answer takes as long.</summary>
    private static readonly string NoAccountHash = Hasher.HashPassword(null!, Guid.NewGuid().ToString("N"));

    /// <summary>The username as stored (lower-case), or null when it is not an id.</summary>
    public static string? Username(string? value) => value is { Length: > 0 } && FieldChecks.IsId(value) ? value.ToLowerInvariant() : null;

    public const string UsernameRule = "must be 1 to 64 letters, digits, '.', '_' or '-'";

    /// <returns>Null when <paramref name="role"/> is a staff role; otherwise what is wrong with it. Intake is a
    /// machine's role: it has a key, never an account.</returns>
    public static string? RoleProblem(string role, ClinicDirectory clinics) => ApiCaller.ParseRole(role) switch
    {
        null or { Role: ApiRole.Intake } => $"'{role}' is not 'coordinator', 'supervisor', 'crisis' or 'clinic:<clinicId>'",
        { ClinicId: { } clinicId } when clinics.Find(clinicId) is null => $"'{role}' names a clinic that is not in the clinic directory",
        _ => null,
    };

    /// <returns>Null when <paramref name="password"/> is acceptable; otherwise why not.</returns>
    public static string? PasswordProblem(string password) => password.Length < MinimumPasswordLength
        ? $"the password must be at least {MinimumPasswordLength} characters"
        : string.IsNullOrWhiteSpace(password) ? "the password must not be blank" : null;

    public static string HashPassword(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> is <paramref name="account"/>'s, in the time a check takes
    /// whether or not there is an account.</summary>
    public static bool Verifies(StaffAccount? account, string password)
    {
        var result = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? NoAccountHash, password);
        return account is not null && result != PasswordVerificationResult.Failed;
    }

    /// <summary>A new security stamp: random, so nothing issued before it matches.</summary>
    public static string NewSecurityStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Who the account's holder is to the API: its role, and <c>user:&lt;username&gt;</c> in the audit trail.</summary>
    public static ApiCaller Caller(StaffAccount account)
    {
        var (role, clinicId) = ApiCaller.ParseRole(account.Role)
            ?? throw new InvalidDataException($"Staff account '{account.Username}' has a role the API does not know.");
        return new ApiCaller(role, Actors.User(account.Username), clinicId);
    }
}
