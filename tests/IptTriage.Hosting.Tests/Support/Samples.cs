using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace IptTriage.Hosting.Tests.Support;

/// <summary>The repository's sample intake forms, copied next to the tests.</summary>
public static class Samples
{
    public const string Routed = "0101-ipt-grief-spanish-speaking-widow.json";
    public const string Emergency = "0201-crisis-services-cssrs-intent-no-share-consent.json";
    public const string UrgentReview = "0301-review-risk-cssrs-moderate-method.json";
    public const string RoutineReview = "0303-review-no-interpersonal-focus.json";
    public const string OtherRoutineReview = "0304-review-subthreshold-phq9-below-5.json";

    public static JsonNode Read(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "intake", name)))!;

    /// <summary>A routed IPT client who speaks only Polish: no IPT clinic in the directory does, so the case is unplaced.</summary>
    public static JsonNode PolishSpeaking()
    {
        var form = Read(Routed);
        form["referralId"] = "API-POLISH";
        form["client"]!["preferredLanguage"] = "pl";
        return form;
    }

    /// <summary>A request body written out in a test.</summary>
    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static ByteArrayContent Content(JsonNode form) => Content(System.Text.Encoding.UTF8.GetBytes(form.ToJsonString()));

    public static ByteArrayContent Content(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
