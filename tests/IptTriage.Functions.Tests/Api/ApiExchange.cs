using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Functions.Tests.Api;

/// <summary>One API request, sendable to the local host over HTTP and to the Functions app in process.</summary>
/// <param name="Headers">Others the request carries (what a platform in front of the app sets, say).</param>
internal sealed record ApiRequest(string Method, string Path, string? Key, string? Body = null, string? ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public static ApiRequest Get(string path, string? key) => new("GET", path, key, ContentType: null);

    public static ApiRequest Post(string path, string? key, string? body, string? contentType = "application/json") => new("POST", path, key, body, contentType);

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Key is not null) message.Headers.Add("X-Api-Key", Key);
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>()) message.Headers.Add(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null) message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        return message;
    }

    public void WriteTo(HttpRequest request)
    {
        request.Method = Method;
        request.Path = PathOnly;
        request.QueryString = Path.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? new QueryString(Path[query..]) : QueryString.Empty;
        if (Key is not null) request.Headers["X-Api-Key"] = Key;
        foreach (var (name, value) in Headers ?? new Dictionary<string, string>()) request.Headers[name] = value;
        var body = Encoding.UTF8.GetBytes(Body ?? "");
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        request.ContentType = Body is null ? null : ContentType;
    }

    /// <summary><see cref="Path"/> without its query string, which routes match on.</summary>
    public string PathOnly => Path.Split('?')[0];

    public override string ToString() => $"{Method} {Path} as {Key ?? "no key"} with {Body ?? "no body"} ({ContentType})";
}

/// <summary>What came back, with what legitimately differs between two hosts taken out: a problem's <c>traceId</c>.</summary>
/// <param name="CacheControl">Compared where a test asks: the hosts' own headers aside from it are not modelled.</param>
internal sealed record ApiAnswer(int Status, string? ContentType, string? Location, string Body, string? CacheControl = null)
{
    public JsonNode? Json => Body.Length == 0 || ContentType?.Contains("json", StringComparison.Ordinal) != true ? null : JsonNode.Parse(Body);

    public string Comparable
    {
        get
        {
            if (Json is not JsonObject json) return Body;
            json.Remove("traceId");
            return json.ToJsonString();
        }
    }

    public static async Task<ApiAnswer> FromAsync(HttpResponseMessage response) => new(
        (int)response.StatusCode,
        response.Content.Headers.ContentType?.MediaType,
        response.Headers.Location?.ToString(),
        await response.Content.ReadAsStringAsync(),
        response.Headers.CacheControl?.ToString());

    public static ApiAnswer From(HttpResponse response)
    {
        response.Body.Position = 0;
        return new ApiAnswer(
            response.StatusCode,
            response.ContentType is { } type ? MediaTypeHeaderValue.Parse(type).MediaType : null,
            response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            new StreamReader(response.Body).ReadToEnd(),
            response.Headers.CacheControl.ToString() is { Length: > 0 } cacheControl ? cacheControl : null);
    }
}
