using System.Buffers;

namespace IptTriage.Triage.Intake.Validation;

/// <summary>A pragmatic, strict e-mail address rule (ASCII only): a dot-atom local part of 1–64 characters, one '@',
/// a domain of at least two dot-separated labels of letters, digits and inner hyphens (each 1–63 characters), 254
/// characters at most in all. Quoted local parts, IP-literal domains and internationalised addresses are refused.
/// The schema's pattern states the same rule.</summary>
internal static class EmailAddress
{
    public const string Rule =
        "must be an e-mail address such as name@example.org (one '@', a local part of at most 64 characters, " +
        "a domain with at least one dot, no spaces, at most 254 characters)";

    private static readonly SearchValues<char> AtomChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+/=?^_`{|}~-");

    public static bool IsValid(string address)
    {
        if (address.Length > 254) return false;
        var at = address.IndexOf('@');
        if (at is < 1 or > 64) return false;
        var domain = address.AsSpan(at + 1);
        return IsDotAtom(address.AsSpan(0, at)) && IsDomain(domain);
    }

    private static bool IsDotAtom(ReadOnlySpan<char> local)
    {
        foreach (var atom in local.Split('.'))
        {
            var part = local[atom];
            if (part.IsEmpty || part.IndexOfAnyExcept(AtomChars) >= 0) return false;
        }
        return true;
    }

    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (!IsLabel(label)) return false;
            labels++;
        }
        return labels >= 2;
    }

    private static bool IsLabel(ReadOnlySpan<char> label)
    {
        if (label.Length is < 1 or > 63 || label[0] == '-' || label[^1] == '-') return false;
        foreach (var c in label)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-') return false;
        }
        return true;
    }
}
