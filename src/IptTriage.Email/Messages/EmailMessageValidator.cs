using System.Net.Mail;

namespace IptTriage.Email;

/// <summary>
/// Checks a message before any sender touches it. Errors name the field at fault, never its value, because the
/// value is usually personal data.
/// </summary>
internal static class EmailMessageValidator
{
    public static string? FindError(EmailMessage message, EmailAddress from)
    {
        return AddressError("to", message.To)
            ?? AddressError("from", from)
            ?? (message.ReplyTo is { } replyTo ? AddressError("reply-to", replyTo) : null)
            ?? HeaderTextError("subject", message.Subject, required: true)
            ?? (string.IsNullOrWhiteSpace(message.Text) ? "text body is empty" : null)
            ?? (string.IsNullOrWhiteSpace(message.Html) ? "html body is empty" : null)
            ?? message.Categories.Select(category => HeaderTextError("category", category, required: true))
                .FirstOrDefault(error => error is not null)
            ?? message.CustomArgs.Select(arg => HeaderTextError($"custom arg '{arg.Key}'", arg.Value, required: false))
                .FirstOrDefault(error => error is not null);
    }

    /// <summary>The result for a message refused before sending: permanent, no attempt made.</summary>
    public static EmailSendResult Rejection(string error) =>
        EmailSendResult.Permanent(null, $"invalid message: {error}", attempts: 0);

    private static string? AddressError(string field, EmailAddress address)
    {
        if (!IsValidAddress(address.Address))
        {
            return $"{field} address is not a valid email address";
        }

        return address.Name is null ? null : HeaderTextError($"{field} name", address.Name, required: false);
    }

    private static bool IsValidAddress(string address) =>
        !string.IsNullOrWhiteSpace(address)
        && MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address
        && address.IndexOfAny(['\r', '\n']) < 0;

    // A line break in a header value would let the value forge further headers.
    private static string? HeaderTextError(string field, string value, bool required) =>
        required && string.IsNullOrWhiteSpace(value) ? $"{field} is empty"
        : value.IndexOfAny(['\r', '\n']) >= 0 ? $"{field} contains a line break"
        : null;
}
