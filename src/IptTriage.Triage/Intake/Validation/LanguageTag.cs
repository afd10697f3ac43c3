using System.Buffers;

namespace IptTriage.Triage.Intake.Validation;

/// <summary>Well-formedness of a BCP 47 language tag (RFC 5646 section 2.1 syntax, case-insensitive): not whether its
/// subtags are registered, nor the "valid tag" checks on repeated variants or extensions. A state machine over the
/// subtags, equivalent to the schema's pattern.</summary>
internal static class LanguageTag
{
    public const string Rule = "must be a well-formed BCP 47 language tag such as en, es-419 or zh-Hant-TW";

    // RFC 5646 "irregular" grandfathered tags, the only ones outside the langtag / privateuse syntax. The "regular"
    // grandfathered tags (zh-min-nan, art-lojban...) already fit the langtag syntax.
    private static readonly string[] Irregular =
    [
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo",
        "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
    ];

    private static readonly SearchValues<char> Alphanumerics =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>What the subtags so far have completed; the next subtag may start the same or a later part.</summary>
    private enum Part
    {
        Start, ShortLanguage, Language, Script, Region, Variant, ExtensionSingleton, Extension, PrivateUseSingleton,
        PrivateUse, Invalid,
    }

    public static bool IsWellFormed(string tag)
    {
        foreach (var irregular in Irregular)
        {
            if (tag.Equals(irregular, StringComparison.OrdinalIgnoreCase)) return true;
        }
        var span = tag.AsSpan();
        var part = Part.Start;
        var extlangs = 0;
        foreach (var range in span.Split('-'))
        {
            var subtag = span[range];
            if (subtag.Length is < 1 or > 8 || subtag.ContainsAnyExcept(Alphanumerics)) return false;
            part = Advance(part, subtag, ref extlangs);
            if (part == Part.Invalid) return false;
        }
        return part is Part.ShortLanguage or Part.Language or Part.Script or Part.Region or Part.Variant
            or Part.Extension or Part.PrivateUse;
    }

    private static Part Advance(Part part, ReadOnlySpan<char> subtag, ref int extlangs)
    {
        switch (part)
        {
            case Part.Start:
                if (IsSingleton(subtag, 'x')) return Part.PrivateUseSingleton;
                if (!IsLetters(subtag) || subtag.Length < 2) return Part.Invalid;
                return subtag.Length <= 3 ? Part.ShortLanguage : Part.Language;
            case Part.ShortLanguage:
                if (subtag.Length == 3 && IsLetters(subtag) && extlangs < 3)
                {
                    extlangs++;
                    return Part.ShortLanguage;
                }
                goto case Part.Language;
            case Part.Language:
                if (subtag.Length == 4 && IsLetters(subtag)) return Part.Script;
                goto case Part.Script;
            case Part.Script:
                if (subtag.Length == 2 && IsLetters(subtag) || subtag.Length == 3 && IsDigits(subtag)) return Part.Region;
                goto case Part.Region;
            case Part.Region:
            case Part.Variant:
                if (subtag.Length >= 5 || subtag.Length == 4 && char.IsAsciiDigit(subtag[0])) return Part.Variant;
                goto case Part.Extension;
            case Part.Extension:
                if (part == Part.Extension && subtag.Length >= 2) return Part.Extension;
                if (subtag.Length != 1) return Part.Invalid;
                return IsSingleton(subtag, 'x') ? Part.PrivateUseSingleton : Part.ExtensionSingleton;
            case Part.ExtensionSingleton:
                return subtag.Length >= 2 ? Part.Extension : Part.Invalid;
            case Part.PrivateUseSingleton:
            case Part.PrivateUse:
                return Part.PrivateUse;
            default:
                return Part.Invalid;
        }
    }

    private static bool IsSingleton(ReadOnlySpan<char> subtag, char letter) =>
        subtag.Length == 1 && char.ToLowerInvariant(subtag[0]) == letter;

    private static bool IsLetters(ReadOnlySpan<char> subtag)
    {
        foreach (var c in subtag) if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> subtag)
    {
        foreach (var c in subtag) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
