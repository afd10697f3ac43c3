using System.Security.Cryptography;
using System.Text;

namespace IptTriage.Durable.Core.Replay;

/// <summary>Name-based UUIDs (RFC 4122 version 5, SHA-1), as Microsoft.DurableTask's NewGuid uses.</summary>
internal static class DeterministicGuid
{
    // The DNS namespace id from RFC 4122, the namespace Microsoft.DurableTask also uses.
    private static readonly byte[] NamespaceBytes = ToNetworkOrder(Guid.Parse("9e952958-5e33-4daf-827f-2fa12937b875"));

    public static Guid Create(string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var hash = SHA1.HashData([.. NamespaceBytes, .. nameBytes]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static byte[] ToNetworkOrder(Guid guid) => guid.ToByteArray(bigEndian: true);
}
