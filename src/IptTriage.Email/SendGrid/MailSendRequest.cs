using System.Text.Json;
using System.Text.Json.Serialization;

namespace IptTriage.Email.SendGrid;

/// <summary>The v3 <c>POST /v3/mail/send</c> body, limited to the fields this project uses.</summary>
internal sealed record MailSendRequest(
    [property: JsonPropertyName("personalizations")] IReadOnlyList<Personalization> Personalizations,
    [property: JsonPropertyName("from")] Mailbox From,
    [property: JsonPropertyName("reply_to")] Mailbox? ReplyTo,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("content")] IReadOnlyList<Content> Content,
    [property: JsonPropertyName("custom_args")] IReadOnlyDictionary<string, string>? CustomArgs,
    [property: JsonPropertyName("categories")] IReadOnlyList<string>? Categories)
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static MailSendRequest For(EmailMessage message, EmailAddress from) => new(
        [new Personalization([Mailbox.From(message.To)])],
        Mailbox.From(from),
        message.ReplyTo is null ? null : Mailbox.From(message.ReplyTo),
        message.Subject,
        // The API rejects a body whose text/plain part does not come first.
        [new Content("text/plain", message.Text), new Content("text/html", message.Html)],
        message.CustomArgs.Count == 0 ? null : message.CustomArgs,
        message.Categories.Count == 0 ? null : message.Categories);

    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, SerializerOptions);
}

internal sealed record Personalization([property: JsonPropertyName("to")] IReadOnlyList<Mailbox> To);

internal sealed record Mailbox(
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("name")] string? Name)
{
    public static Mailbox From(EmailAddress address) => new(address.Address, address.Name);
}

internal sealed record Content(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("value")] string Value);
