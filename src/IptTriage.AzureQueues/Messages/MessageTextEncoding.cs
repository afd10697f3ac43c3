using System.Text;

namespace IptTriage.AzureQueues;

/// <summary>
/// Message text on the wire is base64 of UTF-8, the encoding the Azure Functions queue trigger expects by default.
/// </summary>
internal static class MessageTextEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string text) => Convert.ToBase64String(StrictUtf8.GetBytes(text));

    /// <summary>The decoded text, or null when <paramref name="raw"/> is not base64 of valid UTF-8.</summary>
    public static string? TryDecode(string raw)
    {
        var bytes = new byte[raw.Length];
        if (!Convert.TryFromBase64String(raw, bytes, out var length))
        {
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
