using System.Security.Cryptography;
using System.Text;
using IptTriage.Workflow.Clinics;

namespace IptTriage.Hosting.Api.Security;

/// <summary>The configured keys, held as SHA-256 hashes and compared in constant time, so neither the comparison's
/// timing nor a memory dump of the lookup gives a key away.</summary>
public sealed class ApiKeyring
{
    private readonly (byte[] Hash, ApiCaller Caller)[] keys;

    /// <exception cref="InvalidOperationException">A role is malformed or names a clinic that is not in the directory;
    /// the message names the role, never the key.</exception>
    public ApiKeyring(ApiKeyOptions options, ClinicDirectory clinics)
    {
        keys = [.. options.Keys.Select((entry, index) => (Hash(entry.Key), Resolve(entry, index, clinics)))];
    }

    public ApiCaller? Find(string presentedKey)
    {
        var presented = Hash(presentedKey);
        ApiCaller? found = null;
        // Every key is compared, so how long a lookup takes does not depend on which key matched.
        foreach (var (hash, caller) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, presented)) found = caller;
        }
        return found;
    }

    private static ApiCaller Resolve(ApiKeyEntry entry, int index, ClinicDirectory clinics)
    {
        var at = $"{ApiKeyOptions.SectionName}:Keys:{index}";
        if (string.IsNullOrEmpty(entry.Key)) throw new InvalidOperationException($"{at}:Key is empty.");
        var caller = ApiCaller.Parse(entry.Role)
            ?? throw new InvalidOperationException($"{at}:Role '{entry.Role}' is not 'coordinator', 'intake' or 'clinic:<clinicId>'.");
        if (caller.ClinicId is { } clinicId && clinics.Find(clinicId) is null)
            throw new InvalidOperationException($"{at}:Role '{entry.Role}' names a clinic that is not in the clinic directory.");
        return caller;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
