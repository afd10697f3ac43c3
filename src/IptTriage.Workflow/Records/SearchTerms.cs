using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IptTriage.Workflow.Records;

/// <summary>The searchable form of a referral's client, which the stores keep beside the form (the form itself is
/// bytes): one term per word of the client's given and family names, folded to lower case without accents
/// (<c>n:zoe</c>), and one for the date of birth (<c>d:1990-05-01</c>). A search matches a name by the prefix of any
/// of its words and a date of birth exactly.</summary>
public static class SearchTerms
{
    public const string NamePrefix = "n:", DatePrefix = "d:";

    /// <summary>Longer names are cut here: the contract allows 100 characters, and a term is an index key.</summary>
    private const int MaxWordChars = 100;

    /// <summary>The terms of a stored form, read leniently: an invalid form still has a name someone may search for.
    /// Nothing is logged or thrown; a form that is not JSON has no terms.</summary>
    public static IReadOnlyList<string> OfForm(ReadOnlySpan<byte> form)
    {
        var terms = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(form, new JsonReaderOptions { MaxDepth = 64, AllowTrailingCommas = false });
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("client", out var client) || client.ValueKind != JsonValueKind.Object)
                return [];
            foreach (var field in (string[])["givenName", "familyName"])
                if (client.TryGetProperty(field, out var name) && name.ValueKind == JsonValueKind.String)
                    foreach (var word in Words(name.GetString()!)) terms.Add(NamePrefix + word);
            if (client.TryGetProperty("dateOfBirth", out var born) && born.ValueKind == JsonValueKind.String && Date(born.GetString()!) is { } date)
                terms.Add(DateTerm(date));
        }
        catch (JsonException)
        {
            return [];
        }
        return [.. terms];
    }

    public static string DateTerm(DateOnly date) => DatePrefix + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An ISO calendar date (<c>YYYY-MM-DD</c>), or null.</summary>
    public static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The words of <paramref name="name"/>, folded: lower case, accents and apostrophes dropped
    /// (<c>O'Brien-Núñez</c> is <c>obrien</c>, <c>nunez</c>); anything else but a letter or digit separates words.</summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        void End()
        {
            if (word.Length > 0) words.Add(word.ToString(0, Math.Min(word.Length, MaxWordChars)));
            word.Clear();
        }
        foreach (var c in name.ToLowerInvariant())
        {
            if (Folded(c) is { } folded) word.Append(folded);
            else if (char.IsLetterOrDigit(c)) word.Append(c);
            else if (c is '\'' or '\u2019' or '\u02BC' or '.' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            else End();
        }
        End();
        return words;
    }

    /// <summary>The first string greater than every string starting with <paramref name="prefix"/> (in the ordinal
    /// order both stores compare terms and ids in), so a prefix match is an index range.</summary>
    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

    // Invariant globalization has no Unicode normalization, so the Latin letters of European names are folded by
    // table: U+00DF to U+017F, lower case (upper case never reaches it), '\0' where a letter folds to two.
    private const int FoldStart = 0xDF;

    private const string FoldTable =
        "\0aaaaaa\0ceeeeiiii" + "dnooooo\0ouuuuy\0y" + "aaaaaaccccccccdd" + "ddeeeeeeeeeegggg" + "gggghhhhiiiiiiii"
        + "ii\0\0jjkkklllllll" + "lllnnnnnnnnnoooo" + "oo\0\0rrrrrrssssss" + "ssttttttuuuuuuuu" + "uuuuwwyyyzzzzzzs";

    private static string? Folded(char c) => c switch
    {
        'ß' => "ss",
        'æ' => "ae",
        'þ' => "th",
        'ĳ' or 'Ĳ' => "ij",
        'œ' or 'Œ' => "oe",
        >= (char)FoldStart and <= '\u017F' when c != '÷' => FoldTable[c - FoldStart].ToString(),
        _ => null,
    };
}
