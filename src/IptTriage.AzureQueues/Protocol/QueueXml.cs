using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace IptTriage.AzureQueues.Protocol;

/// <summary>The XML bodies of the Queue service: <c>QueueMessage</c> requests, <c>QueueMessagesList</c> and <c>Error</c> responses.</summary>
internal static class QueueXml
{
    public static byte[] MessageRequest(string messageText)
    {
        var document = new XElement("QueueMessage", new XElement("MessageText", messageText));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.WriteTo(writer);
        }

        return stream.ToArray();
    }

    public static IReadOnlyList<QueueMessage> ReceivedMessages(string xml) =>
        Messages(xml).Select(message => new QueueMessage(
            Text(message, "MessageId"),
            Text(message, "PopReceipt"),
            long.Parse(Text(message, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(message, "InsertionTime"),
            Date(message, "ExpirationTime"),
            Date(message, "TimeNextVisible"),
            Text(message, "MessageText"))).ToList();

    public static IReadOnlyList<PeekedMessage> PeekedMessages(string xml) =>
        Messages(xml).Select(message => new PeekedMessage(
            Text(message, "MessageId"),
            long.Parse(Text(message, "DequeueCount"), CultureInfo.InvariantCulture),
            Date(message, "InsertionTime"),
            Date(message, "ExpirationTime"),
            Text(message, "MessageText"))).ToList();

    public static SentMessage SentMessage(string xml)
    {
        var message = Messages(xml).Single();
        return new SentMessage(
            Text(message, "MessageId"), Text(message, "PopReceipt"),
            Date(message, "InsertionTime"), Date(message, "TimeNextVisible"));
    }

    /// <summary>The <c>Code</c> of an <c>Error</c> body, or null when the body is not one.</summary>
    public static string? ErrorCode(string xml)
    {
        try
        {
            return XDocument.Parse(xml).Root?.Element("Code")?.Value;
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static IEnumerable<XElement> Messages(string xml) =>
        XDocument.Parse(xml).Root?.Elements("QueueMessage") ?? [];

    private static string Text(XElement message, string name) =>
        message.Element(name)?.Value
        ?? throw new InvalidDataException($"Queue service response: a QueueMessage has no {name}.");

    private static DateTimeOffset Date(XElement message, string name) =>
        DateTimeOffset.Parse(Text(message, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
