using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IptTriage.Email.Tests.FakeSendGrid;

namespace IptTriage.Email.Tests.SendGrid;

/// <summary>The local endpoint refuses what v3 refuses and accepts every shape it documents, so a sender test that
/// passes against it says something about SendGrid.</summary>
public sealed class FakeSendGridValidationTests
{
    /// <summary>Each case is a valid v3 body with one change.</summary>
    private static readonly Dictionary<string, Action<JsonObject>> Cases = new()
    {
        ["top-level subject"] = _ => { },
        ["subject and custom args in the personalization"] = body =>
        {
            body.Remove("subject");
            Personalization(body)["subject"] = "one";
            Personalization(body)["custom_args"] = new JsonObject { ["referralId"] = "R-1" };
        },
        ["template instead of subject and content"] = body =>
        {
            body.Remove("subject");
            body.Remove("content");
            body["template_id"] = "d-0123";
        },
        ["no subject"] = body => body.Remove("subject"),
        ["a personalization without a subject"] = body =>
        {
            body.Remove("subject");
            Personalization(body)["subject"] = "one";
            body["personalizations"]!.AsArray().Add(JsonNode.Parse("""{"to":[{"email":"other@example.org"}]}"""));
        },
        ["no personalization"] = body => body["personalizations"] = new JsonArray(),
        ["a recipient that is no address"] = body => Personalization(body)["to"]![0]!["email"] = "not an address",
        ["no sender"] = body => body.Remove("from"),
        ["html before plain text"] = body => body["content"] = JsonNode.Parse(
            """[{"type":"text/html","value":"<p>hi</p>"},{"type":"text/plain","value":"hi"}]"""),
        ["a custom arg that is not a string"] = body => Personalization(body)["custom_args"] = new JsonObject { ["attempt"] = 2 },
        ["a repeated category"] = body => body["categories"] = new JsonArray("a", "a"),
    };

    [Theory]
    [InlineData("top-level subject")]
    [InlineData("subject and custom args in the personalization")]
    [InlineData("template instead of subject and content")]
    public async Task Documented_shapes_are_accepted(string change)
    {
        var (status, _) = await PostAsync(change);

        status.Should().Be(HttpStatusCode.Accepted);
    }

    [Theory]
    [InlineData("no subject", "subject")]
    [InlineData("a personalization without a subject", "subject")]
    [InlineData("no personalization", "personalizations")]
    [InlineData("a recipient that is no address", "personalizations.0.to.0.email")]
    [InlineData("no sender", "from")]
    [InlineData("html before plain text", "content.0.type")]
    [InlineData("a custom arg that is not a string", "personalizations.0.custom_args")]
    [InlineData("a repeated category", "categories")]
    public async Task What_v3_refuses_is_a_400_in_sendgrids_error_shape_naming_the_field(string change, string field)
    {
        var (status, body) = await PostAsync(change);

        status.Should().Be(HttpStatusCode.BadRequest);
        var error = body!["errors"]!.AsArray().Should().ContainSingle().Subject!.AsObject();
        error.Select(property => property.Key).Should().BeEquivalentTo(["message", "field", "help"]);
        error["field"]!.GetValue<string>().Should().Be(field);
    }

    private static JsonObject Personalization(JsonObject body) => body["personalizations"]![0]!.AsObject();

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string change)
    {
        var json = JsonNode.Parse("""
            {
              "personalizations": [ { "to": [ { "email": "client@example.org" } ] } ],
              "from": { "email": "intake@clinic.example" },
              "subject": "s",
              "content": [ { "type": "text/plain", "value": "hi" }, { "type": "text/html", "value": "<p>hi</p>" } ]
            }
            """)!.AsObject();
        Cases[change](json);
        await using var server = await FakeSendGridServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v3/mail/send")
        {
            Content = new StringContent(json.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", FakeSendGridServer.ApiKey);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length == 0 ? null : JsonNode.Parse(body));
    }
}
