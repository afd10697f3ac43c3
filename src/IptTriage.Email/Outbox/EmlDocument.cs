using System.Globalization;
using System.Text;

namespace IptTriage.Email.Outbox;

/// <summary>Renders a message as an RFC 5322 / MIME document: multipart/alternative, text then HTML, base64 UTF-8.</summary>
internal static class EmlDocument
{
    private const string Crlf = "\r\n";

    public static string Render(EmailMessage message, EmailAddress from, DateTimeOffset date, string messageId)
    {
        var boundary = $"=_alt_{Guid.NewGuid():N}";
        var eml = new StringBuilder();
        Header(eml, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture));
        Header(eml, "Message-ID", $"<{messageId}>");
        Header(eml, "From", MimeHeaderEncoding.Mailbox(from));
        Header(eml, "To", MimeHeaderEncoding.Mailbox(message.To));
        if (message.ReplyTo is { } replyTo)
        {
            Header(eml, "Reply-To", MimeHeaderEncoding.Mailbox(replyTo));
        }

        Header(eml, "Subject", MimeHeaderEncoding.EncodeText(message.Subject));
        foreach (var category in message.Categories)
        {
            Header(eml, "X-Category", MimeHeaderEncoding.EncodeText(category));
        }

        foreach (var (key, value) in message.CustomArgs)
        {
            Header(eml, "X-Custom-Arg", MimeHeaderEncoding.EncodeText($"{key}={value}"));
        }

        Header(eml, "MIME-Version", "1.0");
        Header(eml, "Content-Type", $"multipart/alternative;{Crlf} boundary=\"{boundary}\"");
        eml.Append(Crlf);
        Part(eml, boundary, "text/plain", message.Text);
        Part(eml, boundary, "text/html", message.Html);
        eml.Append("--").Append(boundary).Append("--").Append(Crlf);
        return eml.ToString();
    }

    private static void Header(StringBuilder eml, string name, string value) =>
        eml.Append(name).Append(": ").Append(value).Append(Crlf);

    private static void Part(StringBuilder eml, string boundary, string mediaType, string body)
    {
        eml.Append("--").Append(boundary).Append(Crlf);
        Header(eml, "Content-Type", $"{mediaType}; charset=utf-8");
        Header(eml, "Content-Transfer-Encoding", "base64");
        eml.Append(Crlf);
        eml.Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(body), Base64FormattingOptions.InsertLineBreaks));
        eml.Append(Crlf);
    }
}
