using System.Security.Cryptography;
using System.Text;

namespace IptTriage.Workflow.Records;

/// <summary>Hashes addresses for the audit trail with a secret key: a plain hash of an email address is reversible by
/// guessing, a keyed one is not without the key. The same address always gives the same hash, so entries correlate.</summary>
public sealed class RecipientHasher(byte[] key)
{
    public string Hash(string address)
    {
        var normalized = Encoding.UTF8.GetBytes(address.Trim().ToLowerInvariant());
        return "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(key, normalized))[..32];
    }
}
