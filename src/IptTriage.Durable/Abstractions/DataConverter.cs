using System.Text.Json;

namespace IptTriage.Durable;

/// <summary>Turns inputs, outputs, event payloads and custom status into text for the history, as in Microsoft.DurableTask.</summary>
public abstract class DataConverter
{
    public abstract string? Serialize(object? value);

    public abstract object? Deserialize(string? data, Type targetType);

    public T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}

/// <summary>The default converter: System.Text.Json with web defaults (camelCase, case-insensitive reads).</summary>
public sealed class JsonDataConverter(JsonSerializerOptions? options = null) : DataConverter
{
    private readonly JsonSerializerOptions _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);

    public static JsonDataConverter Default { get; } = new();

    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    public override object? Deserialize(string? data, Type targetType) =>
        data is null ? null : JsonSerializer.Deserialize(data, targetType, _options);
}
