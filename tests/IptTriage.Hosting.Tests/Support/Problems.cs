using System.Net;
using System.Text.Json;

namespace IptTriage.Hosting.Tests.Support;

public static class Problems
{
    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/> that repeats none of <paramref name="secrets"/>
    /// (personal data or keys the request carried), and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, params string[] secrets)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        foreach (var secret in secrets) body.Should().NotContainEquivalentOf(secret);
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        return problem;
    }

    public static IEnumerable<(string Path, string Message)> Errors(this JsonElement problem) =>
        problem.GetProperty("errors").EnumerateArray().Select(error => (error.GetProperty("path").GetString()!, error.GetProperty("message").GetString()!));
}
