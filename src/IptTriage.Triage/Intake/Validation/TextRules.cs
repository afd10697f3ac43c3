using System.Buffers;

namespace IptTriage.Triage.Intake.Validation;

/// <summary>Small character rules of the contract, written as span checks (no regular expressions on the hot path).</summary>
internal static class TextRules
{
    public const string ReferralIdRule = "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)";

    private static readonly SearchValues<char> ReferralIdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    /// <summary>Characters as JSON Schema counts them: Unicode code points, so a surrogate pair counts once.
    /// The text comes from the JSON reader, which rejects unpaired surrogates.</summary>
    public static int CountCodePoints(string text)
    {
        var pairs = 0;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c)) pairs++;
        }
        return text.Length - pairs;
    }

    /// <summary>The id is the referral's URL segment (<c>/api/referrals/{id}</c>): an id of only dots would be a dot
    /// segment, which URL normalisation removes, so no route could address the referral.</summary>
    public static bool IsReferralId(string text) =>
        text.Length is >= 1 and <= 64 && text.AsSpan().IndexOfAnyExcept(ReferralIdChars) < 0 && text.AsSpan().IndexOfAnyExcept('.') >= 0;
}
