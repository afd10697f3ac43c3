namespace IptTriage.Email.Tests.FakeSendGrid;

/// <summary>What the fake answers to one valid, authorised request, unless it never answers.</summary>
internal sealed record ScriptedResponse(
    int Status,
    IReadOnlyDictionary<string, string> Headers,
    string Body = "",
    bool Unanswered = false)
{
    public static ScriptedResponse Accepted(string messageId) =>
        new(202, new Dictionary<string, string> { ["X-Message-Id"] = messageId });

    public static ScriptedResponse StatusOnly(int status) => new(status, new Dictionary<string, string>());

    public static ScriptedResponse TooManyRequests(string header, string value) =>
        new(429, new Dictionary<string, string> { [header] = value },
            """{"errors":[{"field":null,"message":"too many requests","help":null}]}""");

    /// <summary>A failure with <c>Retry-After</c> in seconds and an error body that echoes <paramref name="echoed"/>, as
    /// SendGrid's messages may echo what the request held.</summary>
    public static ScriptedResponse RetryAfter(int status, int seconds, string echoed) =>
        new(status, new Dictionary<string, string> { ["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            SendGridErrors.Json(($"could not deliver to {echoed} right now", null)));

    public static ScriptedResponse BadRequest(string field, string message) =>
        new(400, new Dictionary<string, string>(), SendGridErrors.Json((message, field)));

    /// <summary>Never answers: the request stays open until the client gives up on it (or the fake stops).</summary>
    public static ScriptedResponse NoAnswer() => Accepted("late") with { Unanswered = true };
}
