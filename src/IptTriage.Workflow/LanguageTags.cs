namespace IptTriage.Workflow;

/// <summary>BCP 47 language tags as the form and the clinic directory write them (<c>es</c>, <c>es-MX</c>).</summary>
internal static class LanguageTags
{
    /// <summary>The language without its region or script: <c>es</c> for <c>es-MX</c>.</summary>
    public static ReadOnlySpan<char> Primary(string tag)
    {
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? tag : tag.AsSpan(0, dash);
    }
}
