using IptTriage.Triage;

namespace IptTriage.Workflow.Records;

/// <summary>Reads back a code a record store wrote; an unknown one means the database was changed behind the store.</summary>
public static class StoredCode
{
    public static T Parse<T>(string code) where T : struct, Enum =>
        WireCode.TryParse(code, out T value) ? value : throw new InvalidDataException($"Unknown {typeof(T).Name} code '{code}' in the record store.");

    /// <summary>For an optional column: null stays null.</summary>
    public static T? ParseOrNull<T>(string? code) where T : struct, Enum => code is null ? null : Parse<T>(code);

    /// <summary>The wire code to store for an optional value, or null.</summary>
    public static string? OfOrNull<T>(T? value) where T : struct, Enum => value is { } code ? WireCode.Of(code) : null;
}
