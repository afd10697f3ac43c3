using System.Security.Cryptography;
using System.Text;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Records;

namespace IptTriage.Api.Security;

/// <summary>The configured keys, held as SHA-256 hashes and compared in constant time, so neither the comparison's
/// timing nor a memory dump of the lookup gives a key away. A key may be configured as its hash (<c>KeyHash</c>), so
/// that the configuration does not give it away either.</summary>
public sealed class ApiKeyring
{
    /// <summary>Where every call carries its key, on both hosts.</summary>
    public const string HeaderName = "X-Api-Key";

    /// <summary>The authentication type of a key caller's principal (<see cref="ApiCaller.ToPrincipal"/>).</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The shortest key accepted: a key is the only thing between the network and clinical records.</summary>
    public const int MinimumKeyLength = 32;

    // A random key of 32 or more characters has many different ones (32 random hex digits have fewer than 8 with a
    // chance below one in ten million); fewer marks a placeholder or a pattern such as "aaaa..." or "abab...".
    private const int MinimumDistinctCharacters = 8;

    /// <summary>How <c>KeyHash</c> starts: the one hash a key's configuration may name.</summary>
    public const string HashPrefix = "sha256:";

    private readonly (byte[] Hash, ApiCaller Caller)[] keys;

    /// <exception cref="InvalidOperationException">A key is short or not random, or a role is malformed or names a
    /// clinic that is not in the directory; the message names the entry and its role, never the key.</exception>
    public ApiKeyring(ApiKeyOptions options, ClinicDirectory clinics)
    {
        keys = [.. options.Keys.Select((entry, index) => (HashOf(entry, index), Resolve(entry, index, clinics)))];
        var repeated = keys.GroupBy(key => key.Caller.Actor).FirstOrDefault(names => names.Count() > 1);
        if (repeated is not null)
            throw new InvalidOperationException(
                $"Two {ApiKeyOptions.SectionName}:Keys have the name '{repeated.Key[4..]}' (a key without a Name is named by its role); give each a distinct Name.");
    }

    public ApiCaller? Find(string presentedKey) => IndexOf(presentedKey) is var index and >= 0 ? keys[index].Caller : null;

    /// <summary>A name for a configured key that is not the key (its place in <c>Api:Keys</c>), for per-key limits;
    /// null for a key that is not configured.</summary>
    public string? IdOf(string presentedKey) => IndexOf(presentedKey) is var index and >= 0
        ? $"{ApiKeyOptions.SectionName}:Keys:{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
        : null;

    private int IndexOf(string presentedKey)
    {
        var presented = Hash(presentedKey);
        var found = -1;
        // Every key is compared, so how long a lookup takes does not depend on which key matched.
        for (var index = 0; index < keys.Length; index++)
        {
            if (CryptographicOperations.FixedTimeEquals(keys[index].Hash, presented)) found = index;
        }
        return found;
    }

    /// <returns>Null when <paramref name="key"/> may be a key; otherwise what is wrong with it, never the key.</returns>
    public static string? KeyProblem(string? key) =>
        string.IsNullOrEmpty(key) ? "is empty"
        : key.Length < MinimumKeyLength || key.Distinct().Count() < MinimumDistinctCharacters
            ? $"is not a random key of at least {MinimumKeyLength} characters; create one with 'openssl rand -hex 24'"
            : null;

    /// <summary>What <c>KeyHash</c> holds for <paramref name="key"/>.</summary>
    public static string KeyHashOf(string key) => HashPrefix + Convert.ToHexStringLower(Hash(key));

    private static byte[] HashOf(ApiKeyEntry entry, int index)
    {
        var at = $"{ApiKeyOptions.SectionName}:Keys:{index}";
        if (entry.KeyHash is null)
        {
            if (KeyProblem(entry.Key) is { } problem) throw new InvalidOperationException($"{at}:Key {problem}.");
            return Hash(entry.Key!);
        }
        if (entry.Key is not null) throw new InvalidOperationException($"{at} has both Key and KeyHash; keep KeyHash only.");
        var hex = entry.KeyHash.StartsWith(HashPrefix, StringComparison.Ordinal) ? entry.KeyHash[HashPrefix.Length..] : "";
        return hex.Length == 2 * SHA256.HashSizeInBytes && hex.All(Uri.IsHexDigit)
            ? Convert.FromHexString(hex)
            : throw new InvalidOperationException($"{at}:KeyHash is not '{HashPrefix}' and 64 hex digits; make one with 'iptriage keys hash'.");
    }

    private static ApiCaller Resolve(ApiKeyEntry entry, int index, ClinicDirectory clinics)
    {
        var at = $"{ApiKeyOptions.SectionName}:Keys:{index}";
        var (role, clinicId) = ApiCaller.ParseRole(entry.Role)
            ?? throw new InvalidOperationException($"{at}:Role '{entry.Role}' is not 'coordinator', 'supervisor', 'crisis', 'intake' or 'clinic:<clinicId>'.");
        if (clinicId is not null && clinics.Find(clinicId) is null)
            throw new InvalidOperationException($"{at}:Role '{entry.Role}' names a clinic that is not in the clinic directory.");
        var name = entry.Name ?? entry.Role;
        if (!FieldChecks.IsId(name.Replace(':', '.')))
            throw new InvalidOperationException($"{at}:Name must be 1 to 64 letters, digits, '.', '_', '-' or ':'.");
        return new ApiCaller(role, Actors.Key(name), clinicId);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
