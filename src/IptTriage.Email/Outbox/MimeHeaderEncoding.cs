using System.Globalization;
using System.Text;

namespace IptTriage.Email.Outbox;

/// <summary>RFC 2047 encoded-words for header text that is not plain ASCII.</summary>
internal static class MimeHeaderEncoding
{
    // 13 groups of 3 bytes make a 64-character encoded-word, so even after the longest header name we write
    // ("X-Custom-Arg: ") a line stays within RFC 5322's 78 characters (and the word within RFC 2047's 75).
    private const int MaxBytesPerWord = 39;

    public static string EncodeText(string text) =>
        IsPlainAscii(text) ? text : string.Join("\r\n ", EncodedWords(text));

    /// <summary><c>Name &lt;address&gt;</c>, the name quoted or encoded as needed.</summary>
    public static string Mailbox(EmailAddress mailbox)
    {
        if (string.IsNullOrEmpty(mailbox.Name))
        {
            return $"<{mailbox.Address}>";
        }

        var name = IsPlainAscii(mailbox.Name)
            ? $"\"{mailbox.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\""
            : EncodeText(mailbox.Name);
        return $"{name} <{mailbox.Address}>";
    }

    private static bool IsPlainAscii(string text) => text.All(c => c is >= ' ' and <= '~');

    // Words are cut between text elements so that no character's bytes are split across two words.
    private static IEnumerable<string> EncodedWords(string text)
    {
        var chunk = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (chunk.Length > 0 && Encoding.UTF8.GetByteCount(chunk.ToString() + element) > MaxBytesPerWord)
            {
                yield return Word(chunk.ToString());
                chunk.Clear();
            }

            chunk.Append(element);
        }

        if (chunk.Length > 0)
        {
            yield return Word(chunk.ToString());
        }
    }

    private static string Word(string text) => $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(text))}?=";
}
