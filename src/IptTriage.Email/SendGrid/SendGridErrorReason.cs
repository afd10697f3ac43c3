using System.Text.Json;
using System.Text.RegularExpressions;

namespace IptTriage.Email.SendGrid;

/// <summary>
/// Turns a SendGrid error response (<c>{"errors":[{"message","field","help"}]}</c>) into a reason safe to store and
/// log: SendGrid may echo what the request held, so the message's own personal values (addresses, names, subject)
/// and anything else that looks like an email address are redacted from the provider's text.
/// </summary>
internal static partial class SendGridErrorReason
{
    private const int MaxReasonLength = 500;

    /// <summary>What of a message SendGrid could echo that is personal, longest first so a name inside an address
    /// part is not redacted before the whole.</summary>
    public static IReadOnlyList<string> PersonalValues(EmailMessage message, EmailAddress from) =>
        new[] { message.To.Address, message.To.Name, from.Name, message.ReplyTo?.Address, message.ReplyTo?.Name, message.Subject }
            .OfType<string>()
            .Where(value => value.Length > 0)
            .OrderByDescending(value => value.Length)
            .ToList();

    public static string Describe(int statusCode, string? responseBody, IReadOnlyList<string> personalValues)
    {
        var details = ParseErrors(responseBody).Select(detail => Redact(detail, personalValues)).ToList();
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
                .Select(error => FieldOrNull(error, "field") is { } field
                    ? $"{field}: {FieldOrNull(error, "message")}"
                    : FieldOrNull(error, "message") ?? "unspecified error")
                .ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static string? FieldOrNull(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Redact(string text, IReadOnlyList<string> personalValues) =>
        EmailLike().Replace(
            personalValues.Aggregate(text, (redacted, value) => redacted.Replace(value, "[redacted]", StringComparison.OrdinalIgnoreCase)),
            "[redacted]");

    [GeneratedRegex(@"[^\s""'<>()\[\]]+@[^\s""'<>()\[\]]+")]
    private static partial Regex EmailLike();
}
