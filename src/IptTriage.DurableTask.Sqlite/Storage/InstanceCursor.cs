using System.Globalization;

namespace IptTriage.DurableTask.Sqlite.Storage;

/// <summary>Query pages run in (created at, instance id) order; the continuation token is the last row's key.</summary>
internal static class InstanceCursor
{
    public static string From(InstanceRecord last) =>
        string.Create(CultureInfo.InvariantCulture, $"{last.CreatedAt.Ticks}|{last.InstanceId}");

    public static (long CreatedTicks, string InstanceId)? Parse(string? token)
    {
        if (token is null)
        {
            return null;
        }

        var separator = token.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && long.TryParse(token.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (ticks, token[(separator + 1)..])
            : throw new ArgumentException("The continuation token is not one this store issued.", nameof(token));
    }
}
