namespace IptTriage.Email;

/// <summary>
/// How a message is named in logs: by its categories and custom args only, which by contract carry no personal
/// data, and never by address, name, subject or body.
/// </summary>
internal static class LogTags
{
    public static string Of(EmailMessage message)
    {
        var parts = message.Categories.Select(category => $"category={category}")
            .Concat(message.CustomArgs.OrderBy(arg => arg.Key, StringComparer.Ordinal)
                .Select(arg => $"{arg.Key}={arg.Value}"));
        var tags = string.Join(", ", parts);
        return tags.Length == 0 ? "untagged" : tags;
    }
}
