using System.Text.Json;

namespace IptTriage.Fhir.Intake;

/// <summary>Reading FHIR JSON that <see cref="FhirStructure"/> has checked: every element has its model's JSON shape
/// (a repeating one an array, a complex one an object, a primitive its JSON type), so an element of the wrong shape
/// can only be absent.</summary>
internal static class JsonFhir
{
    public static string? Text(this JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Flag(this JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    public static JsonElement? Child(this JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    /// <summary>A repeating element's values, none when it is absent.</summary>
    public static JsonElement[] Each(this JsonElement element, ReadOnlySpan<byte> name)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array) return [];
        var items = new JsonElement[value.GetArrayLength()];
        var i = 0;
        foreach (var item in value.EnumerateArray()) items[i++] = item;
        return items;
    }

    /// <summary>The first of a repeating element's string values.</summary>
    public static string? FirstText(this JsonElement element, ReadOnlySpan<byte> name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String
            ? value[0].GetString()
            : null;

    /// <summary>A choice element (<c>value[x]</c>): its type suffix (<c>Coding</c>) and value, or none.</summary>
    public static (string Type, JsonElement Value) Choice(this JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
            if (property.Name.Length > name.Length && property.Name.StartsWith(name, StringComparison.Ordinal) && char.IsUpper(property.Name[name.Length]))
                return (property.Name[name.Length..], property.Value);
        return ("", default);
    }

    /// <summary>Whether a Coding (or any object with a system and code) is <paramref name="system"/>|<paramref name="code"/>.</summary>
    public static bool IsCode(this JsonElement coding, string system, string code) => coding.Text("system"u8) == system && coding.Text("code"u8) == code;
}
