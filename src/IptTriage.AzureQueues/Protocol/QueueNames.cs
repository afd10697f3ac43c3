using System.Text.RegularExpressions;

namespace IptTriage.AzureQueues.Protocol;

internal static partial class QueueNames
{
    /// <summary>Azure's rule: 3–63 lowercase letters, digits and single hyphens, starting and ending alphanumeric.</summary>
    public static string Validated(string name) =>
        name.Length is >= 3 and <= 63 && ValidName().IsMatch(name)
            ? name
            : throw new ArgumentException(
                $"Queue name '{name}' is invalid: use 3-63 lowercase letters, digits and single hyphens, "
                + "starting and ending with a letter or digit.", nameof(name));

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9]))*$")]
    private static partial Regex ValidName();
}
