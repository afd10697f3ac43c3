using IptTriage.Triage;

namespace IptTriage.Workflow.Records;

/// <summary>Reads back a code a record store wrote; an unknown one means the database was changed behind the store.</summary>
public static class StoredCode
{
    public static T Parse<T>(string code) where T : struct, Enum =>
        WireCode.TryParse(code, out T value) ? value : throw new InvalidDataException($"Unknown {typeof(T).Name} code '{code}' in the record store.");
}
