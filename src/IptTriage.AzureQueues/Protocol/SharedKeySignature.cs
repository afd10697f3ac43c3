using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IptTriage.AzureQueues.Protocol;

/// <summary>
/// Shared Key authorization for the Blob, Queue and File services: an HMAC-SHA256, keyed with the account key,
/// over the canonical string-to-sign of the request (version 2009-09-19 and later rules).
/// </summary>
internal static class SharedKeySignature
{
    public static void Sign(HttpRequestMessage request, QueueStorageAccount account)
    {
        var stringToSign = StringToSign(request, account.AccountName);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(account.AccountKey, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.Authorization = new AuthenticationHeaderValue("SharedKey", $"{account.AccountName}:{signature}");
    }

    public static string StringToSign(HttpRequestMessage request, string accountName)
    {
        var content = request.Content?.Headers;
        var standardHeaders = new[]
        {
            request.Method.Method,
            Joined(content?.ContentEncoding),
            Joined(content?.ContentLanguage),
            // Since version 2015-02-21 a zero length is signed as the empty string.
            content?.ContentLength is > 0 and var length ? length.ToString(CultureInfo.InvariantCulture) : "",
            content?.ContentMD5 is { } md5 ? Convert.ToBase64String(md5) : "",
            content?.ContentType?.ToString() ?? "",
            "", // Date: we send x-ms-date, which takes its place in the canonicalized headers.
            Joined(request.Headers.IfModifiedSince?.ToString("R")),
            Joined(request.Headers.IfMatch.Select(tag => tag.ToString())),
            Joined(request.Headers.IfNoneMatch.Select(tag => tag.ToString())),
            Joined(request.Headers.IfUnmodifiedSince?.ToString("R")),
            request.Headers.Range?.ToString() ?? "",
        };
        var builder = new StringBuilder();
        foreach (var value in standardHeaders)
        {
            builder.Append(value).Append('\n');
        }

        AppendCanonicalizedHeaders(builder, request.Headers);
        AppendCanonicalizedResource(builder, request.RequestUri!, accountName);
        return builder.ToString();
    }

    private static string Joined(IEnumerable<string>? values) => values is null ? "" : string.Join(",", values);

    private static string Joined(string? value) => value ?? "";

    private static void AppendCanonicalizedHeaders(StringBuilder builder, HttpRequestHeaders headers)
    {
        var msHeaders = headers
            .Where(header => header.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .Select(header => (Name: header.Key.ToLowerInvariant(), Value: string.Join(",", header.Value).Trim()))
            .OrderBy(header => header.Name, StringComparer.Ordinal);
        foreach (var (name, value) in msHeaders)
        {
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
    }

    private static void AppendCanonicalizedResource(StringBuilder builder, Uri uri, string accountName)
    {
        builder.Append('/').Append(accountName).Append(uri.AbsolutePath);
        var parameters = uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (
                Name: Uri.UnescapeDataString(pair[0]).ToLowerInvariant(),
                Value: pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : ""))
            .GroupBy(parameter => parameter.Name)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var values = parameter.Select(p => p.Value).OrderBy(value => value, StringComparer.Ordinal);
            builder.Append('\n').Append(parameter.Key).Append(':').Append(string.Join(",", values));
        }
    }
}
