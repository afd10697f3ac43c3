using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>Structural validation of incoming FHIR JSON against the SDK's R4 model (Firely's <see cref="ModelInspector"/>:
/// each type's elements, which repeat, which are required, the types a choice element allows, the literals of each
/// required code binding, and the SDK's own format rules for primitives, <c>Date.IsValidValue</c> …), in one pass over the
/// parsed JSON, building no POCOs. It finds what the SDK's deserializer with its default validation finds (unknown
/// elements and resource types, arrays where one value goes and the reverse, a wrong JSON type, a bad primitive, an
/// unknown code of a required binding, a missing required element, empty objects, arrays and strings), located by the
/// same instance paths (<c>Bundle.entry[1].resource.gender</c>); StructureTests runs both on the same broken
/// resources. The whole read (parse, this walk, the mapping straight from the JSON) costs about a tenth of what the
/// SDK's deserializer alone did (docs/performance.md, "FHIR intake").</summary>
internal static class FhirStructure
{
    private static readonly ModelInspector Model = ModelInfo.ModelInspector;

    private static readonly ConcurrentDictionary<ClassMapping, TypeShape> Shapes = new();

    /// <summary>Every issue of <paramref name="resource"/> (a JSON object with a <c>resourceType</c>), at most
    /// <paramref name="limit"/>; the resource's type when it is one the model knows.</summary>
    public static string? Check(JsonElement resource, string root, List<FhirIssue> issues, int limit = 100)
    {
        var walk = new Walk(issues, limit);
        return walk.Resource(resource, root, top: true);
    }

    /// <summary>Where an element is, made text only when an issue is reported there (most elements have none).</summary>
    private sealed class Location(Location? parent, string name, int index = -1)
    {
        public Location Child(string child) => new(this, child);

        public override string ToString() =>
            (parent is null ? name : $"{parent}.{name}") + (index >= 0 ? $"[{index}]" : "");
    }

    private sealed class Walk(List<FhirIssue> issues, int limit)
    {
        public string? Resource(JsonElement value, string at, bool top = false) => Resource(value, new Location(null, at), top);

        private string? Resource(JsonElement value, Location at, bool top = false)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Report(at, $"a resource is a JSON object, not {KindOf(value)}");
                return null;
            }
            if (!value.TryGetProperty("resourceType"u8, out var typeName) || typeName.ValueKind != JsonValueKind.String)
            {
                Report(at, "the resource has no resourceType");
                return null;
            }
            var type = typeName.GetString()!;
            if (Model.FindClassMapping(type) is not { IsResource: true, IsAbstract: not true } mapping)
            {
                Report(at, $"'{type}' is not a FHIR R4 resource type");
                return null;
            }
            Object(value, mapping, top ? new Location(null, type) : at, isResource: true);
            return type;
        }

        private void Object(JsonElement value, ClassMapping mapping, Location at, TypeShape? known = null, bool isResource = false)
        {
            var shape = known ?? ShapeOf(mapping);
            List<PropertyMapping>? present = shape.Mandatory.Length > 0 ? new(shape.Mandatory.Length) : null;
            var empty = true;
            foreach (var property in value.EnumerateObject())
            {
                empty = false;
                if (isResource && property.NameEquals("resourceType"u8)) continue;
                if (!shape.TryFind(property, out var element, out var extensionPart) || (extensionPart && !element.IsPrimitive))
                {
                    Report(at.Child(shape.ChoiceOf(property.Name) ?? property.Name), shape.ChoiceOf(property.Name) is { } choice
                        ? $"'{property.Name}': {property.Name[choice.Length..]} is not a type '{choice}' takes in {mapping.Name}"
                        : $"unknown element '{property.Name}': not an element of {mapping.Name}");
                    continue;
                }
                present?.Add(element.Property);
                if (element.Repeats) Repeating(property.Value, element, at, extensionPart);
                else if (property.Value.ValueKind == JsonValueKind.Array)
                    Report(at.Child(element.Name), $"'{element.Name}' takes one value, not an array");
                else One(property.Value, element, at, -1, extensionPart);
                if (issues.Count >= limit) return;
            }
            if (empty) Report(at, "an object must not be empty");
            foreach (var mandatory in shape.Mandatory)
                if (present?.Contains(mandatory) != true)
                    Report(at.Child(mandatory.Name), $"'{mandatory.Name}' is required in {mapping.Name}");
        }

        private void Repeating(JsonElement value, Element element, Location parent, bool extensionPart)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                Report(parent.Child(element.Name), $"'{element.Property.Name}' repeats: its values go in an array");
                return;
            }
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                // A null stands in for a primitive's value or extension when the other array has it.
                if (item.ValueKind != JsonValueKind.Null || !element.IsPrimitive) One(item, element, parent, index, extensionPart);
                index++;
            }
            if (index == 0) Report(parent.Child(element.Name), "an array must not be empty");
        }

        private void One(JsonElement value, Element element, Location parent, int index, bool extensionPart)
        {
            if (element.IsResource)
            {
                Resource(value, new Location(parent, element.Name, index));
                return;
            }
            if (extensionPart || !element.IsPrimitive)
            {
                if (value.ValueKind == JsonValueKind.Object) Object(value, element.Type, new Location(parent, element.Name, index), element.Shape);
                else Report(new Location(parent, element.Name, index), $"'{element.Property.Name}' is a {element.Type.Name}, a JSON object, not {KindOf(value)}");
                return;
            }
            if (Primitive(value, element) is { } problem) Report(new Location(parent, element.Name, index), problem);
        }

        private static string? Primitive(JsonElement value, Element element)
        {
            var type = element.Type;
            switch (value.ValueKind)
            {
                case JsonValueKind.String when element.Json == JsonValueKind.String:
                    if (value.ValueEquals(""u8)) return $"'{element.Property.Name}' must not be empty";
                    // Most strings (texts, displays, systems) have no format to check: no string is made of them.
                    if (element.EnumType is null && element.IsValid is null) return null;
                    var text = value.GetString()!;
                    if (element.EnumType is { } enumType)
                        return Hl7.Fhir.Utility.EnumUtility.ParseLiteral(text, enumType) is null
                            ? $"'{element.Property.Name}' is not a code of {element.EnumName} (a required binding)"
                            : null;
                    return element.IsValid?.Invoke(text) == false ? $"'{element.Property.Name}' is not a valid {type.Name}" : null;
                case JsonValueKind.True or JsonValueKind.False when element.Json == JsonValueKind.True:
                    return null;
                case JsonValueKind.Number when element.Json == JsonValueKind.Number:
                    return type.NativeType == typeof(FhirDecimal) ? (value.TryGetDecimal(out _) ? null : $"'{element.Property.Name}' is out of range for a decimal")
                        : !value.TryGetInt32(out var number) ? $"'{element.Property.Name}' must be a whole number"
                        : type.NativeType == typeof(PositiveInt) && number < 1 ? $"'{element.Property.Name}' must be 1 or more"
                        : type.NativeType == typeof(UnsignedInt) && number < 0 ? $"'{element.Property.Name}' must be 0 or more"
                        : null;
                default:
                    return $"'{element.Property.Name}' is a {type.Name}, a JSON {Expected(element.Json)}, not {KindOf(value)}";
            }
        }

        private void Report(Location at, string message)
        {
            if (issues.Count < limit) issues.Add(new(at.ToString(), message, IssueType.Structure));
        }
    }

    private static string Expected(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "true or false",
    };

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "true or false",
    };

    private static TypeShape ShapeOf(ClassMapping mapping) => Shapes.GetOrAdd(mapping, TypeShape.Of);

    /// <summary>One JSON property name of a type: the SDK's element and the type its value has there (for a choice
    /// element, the type its name's suffix gives: <c>valueCoding</c>).</summary>
    /// <param name="Name">The element's name in FHIRPath locations: a choice element's own (<c>value</c>), without the
    /// type suffix its JSON name has.</param>
    private sealed record Element(string Name, PropertyMapping Property, ClassMapping Type)
    {
        // Read once from the SDK's mapping: the walk asks for them at every element.
        public bool Repeats { get; } = Property.IsCollection;

        public bool IsResource { get; } = Property.Choice == ChoiceType.ResourceChoice;

        public bool IsPrimitive { get; } = Type.IsFhirPrimitive;

        /// <summary>The shape of the element's type, once the walk first needs it.</summary>
        public TypeShape Shape => shape ??= ShapeOf(Type);

        private TypeShape? shape;

        public JsonValueKind Json { get; } = JsonKindOf(Type);

        public Type? EnumType { get; } = Type.IsCodeOfT ? Type.EnumType : null;

        public string? EnumName { get; } = Type.IsCodeOfT && Type.EnumType is { } enumType ? Model.FindEnumMapping(enumType)?.Name ?? enumType.Name : null;

        public Func<string, bool>? IsValid { get; } = FormatOf(Type.NativeType);
    }

    /// <summary>A type's JSON property names and its required elements, read once from the SDK's model.</summary>
    private sealed record TypeShape(Dictionary<string, Element> Elements, PropertyMapping[] Mandatory)
    {
        public static TypeShape Of(ClassMapping mapping)
        {
            var elements = new Dictionary<string, Element>(StringComparer.Ordinal);
            foreach (var property in mapping.PropertyMappings)
            {
                if (property.RepresentsValueElement) continue;
                if (property.Choice == ChoiceType.DatatypeChoice)
                    foreach (var type in ChoiceTypes(property))
                        elements.TryAdd(property.Name + char.ToUpperInvariant(type.Name[0]) + type.Name[1..], new(property.Name, property, type));
                else if (property.Choice == ChoiceType.ResourceChoice || property.PropertyTypeMapping is null)
                    elements.TryAdd(property.Name, new(property.Name, property, Model.FindClassMapping(typeof(Resource))!));
                else elements.TryAdd(property.Name, new(property.Name, property, Model.FindOrImportClassMapping(property.ImplementingType) ?? property.PropertyTypeMapping));
            }
            return new(elements, [.. mapping.PropertyMappings.Where(property => property.IsMandatoryElement && !property.RepresentsValueElement)]);
        }

        private readonly string[] choices = [.. Elements.Values.Where(element => element.Property.Choice == ChoiceType.DatatypeChoice).Select(element => element.Name).Distinct()];

        /// <summary>The choice element (<c>value</c>) a JSON name with an unknown type suffix (<c>valueFoo</c>) is for.</summary>
        public string? ChoiceOf(string jsonName) =>
            choices.FirstOrDefault(choice => jsonName.Length > choice.Length && jsonName.StartsWith(choice, StringComparison.Ordinal) && char.IsUpper(jsonName[choice.Length]));

        private readonly Dictionary<string, Element>.AlternateLookup<ReadOnlySpan<char>> byName = Elements.GetAlternateLookup<ReadOnlySpan<char>>();

        /// <summary>The element a JSON property name is (<c>_birthDate</c>, a primitive's extension part, is
        /// <c>birthDate</c>'s), looked up from the name's UTF-8 bytes without making a string of it.</summary>
        public bool TryFind(JsonProperty property, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Element? element, out bool extensionPart)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            extensionPart = raw.Length > 1 && raw[0] == (byte)'_';
            if (extensionPart) raw = raw[1..];
            element = null;
            if (raw.Contains((byte)'\\'))
            {
                // Escaped: rare, so the decoded name is made a string.
                var decoded = property.Name;
                extensionPart = decoded.Length > 1 && decoded[0] == '_';
                return Elements.TryGetValue(extensionPart ? decoded[1..] : decoded, out element);
            }
            Span<char> name = stackalloc char[64];
            // Element names are short ASCII: anything longer or not ASCII is no element's name.
            if (raw.Length > name.Length || !Ascii.IsValid(raw)) return false;
            var length = Encoding.ASCII.GetChars(raw, name);
            return byName.TryGetValue(name[..length], out element);
        }

        /// <summary>The concrete types a choice allows: those named, or for an open one (<c>DataType</c>) every datatype.</summary>
        private static IEnumerable<ClassMapping> ChoiceTypes(PropertyMapping property) =>
            Model.ClassMappings.Where(candidate => candidate is { IsResource: false, IsAbstract: not true, IsCodeOfT: false, IsBackboneType: not true }
                && property.FhirType.Any(allowed => allowed == candidate.NativeType || (allowed.IsAbstract && allowed.IsAssignableFrom(candidate.NativeType))));
    }

    private static JsonValueKind JsonKindOf(ClassMapping type)
    {
        if (!type.IsFhirPrimitive) return JsonValueKind.Object;
        var native = type.PrimitiveValueProperty?.ImplementingType;
        return native == typeof(bool) ? JsonValueKind.True
            : native == typeof(int) || native == typeof(decimal) ? JsonValueKind.Number
            : JsonValueKind.String;
    }

    /// <summary>The SDK's format rule of each string-valued primitive: the regular expression it publishes as the type's
    /// <c>PATTERN</c> (what its <c>IsValidValue</c> and the deserializer's validation check), compiled once here: the
    /// SDK's own check builds its expression per call, microseconds each (docs/performance.md).</summary>
    private static readonly Dictionary<Type, Regex> Formats = new()
    {
        [typeof(Date)] = Anchored(Date.PATTERN),
        [typeof(FhirDateTime)] = Anchored(FhirDateTime.PATTERN),
        [typeof(Instant)] = Anchored(Instant.PATTERN),
        [typeof(Time)] = Anchored(Time.PATTERN),
        [typeof(Id)] = Anchored(Id.PATTERN),
        [typeof(Code)] = Anchored(Code.PATTERN),
        [typeof(Oid)] = Anchored(Oid.PATTERN),
        [typeof(Uuid)] = Anchored(Uuid.PATTERN),
        [typeof(Base64Binary)] = Anchored(Base64Binary.PATTERN),
    };

    private static Regex Anchored(string pattern) =>
        new($"^(?:{pattern})$", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static Func<string, bool>? FormatOf(Type native) => Formats.TryGetValue(native, out var format) ? format.IsMatch : null;
}
