using System.Text.Json;
using System.Text.RegularExpressions;

namespace IptTriage.Email.SendGrid;

/// <summary>
/// Turns a SendGrid error response (<c>{"errors":[{"message","field","help"}]}</c>) into a reason safe to store:
/// anything in the provider's text that looks like an email address is redacted, since SendGrid may echo one back.
/// </summary>
internal static partial class SendGridErrorReason
{
    private const int MaxReasonLength = 500;

    public static string Describe(int statusCode, string? responseBody)
    {
        var details = ParseErrors(responseBody);
        var reason = details.Count == 0
            ? $"SendGrid answered {statusCode}"
            : $"SendGrid answered {statusCode}: {string.Join("; ", details)}";
        return reason.Length <= MaxReasonLength ? reason : reason[..MaxReasonLength];
    }

    private static List<string> ParseErrors(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            return errors.EnumerateArray()
                .Where(error => error.ValueKind == JsonValueKind.Object)
                .Select(error => Redact(
                    FieldOrNull(error, "field") is { } field
                        ? $"{field}: {FieldOrNull(error, "message")}"
                        : FieldOrNull(error, "message") ?? "unspecified error"))
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? FieldOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Redact(string text) => EmailLike().Replace(text, "[redacted]");

    [GeneratedRegex(@"[^\s""'<>()\[\]]+@[^\s""'<>()\[\]]+")]
    private static partial Regex EmailLike();
}
