using System.Text;
using System.Text.RegularExpressions;

namespace IptTriage.Email.Tests.Outbox;

/// <summary>
/// Just enough of an RFC 5322 / MIME reader to check what the outbox writes: unfolded headers, RFC 2047
/// B-encoded words, and base64 parts of a multipart body.
/// </summary>
internal sealed partial record EmlReader(IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public static EmlReader Parse(string document)
    {
        var split = document.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var unfolded = document[..split].Replace("\r\n ", " ", StringComparison.Ordinal);
        var headers = unfolded.Split("\r\n")
            .Select(line => line.Split(": ", 2))
            .Select(pair => (pair[0], pair[1]))
            .ToList();
        return new EmlReader(headers, document[(split + 4)..]);
    }

    public string Header(string name) => Headers.Single(header => header.Name == name).Value;

    public string DecodedHeader(string name) =>
        EncodedWord().Replace(
            Header(name).Replace("?= =?", "?==?", StringComparison.Ordinal),
            match => Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups[1].Value)));

    public IReadOnlyList<EmlReader> Parts()
    {
        var boundary = BoundaryParameter().Match(Header("Content-Type")).Groups[1].Value;
        var sections = Body.Split($"--{boundary}");
        sections[^1].Should().StartWith("--", "the multipart body ends with the closing boundary");
        return sections[1..^1].Select(section => Parse(section.TrimStart('\r', '\n'))).ToList();
    }

    public string DecodedBody() => Encoding.UTF8.GetString(Convert.FromBase64String(Body));

    [GeneratedRegex(@"=\?utf-8\?B\?([A-Za-z0-9+/=]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex("boundary=\"([^\"]+)\"")]
    private static partial Regex BoundaryParameter();
}
