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
    public static string? Check(JsonElement resource, string root, List<FhirIssue> issues, int limit = 100) =>
        new Walk(issues, limit).Root(resource, root);

    private sealed class Walk(List<FhirIssue> issues, int limit)
    {
        /// <summary>Where the walk is (<c>Bundle</c>, <c>entry</c> 2, <c>resource</c>), made text only when an issue is
        /// reported there (most elements have none), so the walk allocates nothing per element.</summary>
        private readonly List<(string Name, int Index)> path = new(16);

        public string? Root(JsonElement value, string at)
        {
            path.Add((at, -1));
            return Resource(value, top: true);
        }

        private string? Resource(JsonElement value, bool top = false)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                Report($"a resource is a JSON object, not {KindOf(value)}");
                return null;
            }
            if (!value.TryGetProperty("resourceType"u8, out var typeName) || typeName.ValueKind != JsonValueKind.String)
            {
                Report("the resource has no resourceType");
                return null;
            }
            var type = typeName.GetString()!;
            if (Model.FindClassMapping(type) is not { IsResource: true, IsAbstract: not true } mapping)
            {
                Report($"'{type}' is not a FHIR R4 resource type");
                return null;
            }
            if (top) path[0] = (type, -1);
            Object(value, mapping, known: null, isResource: true);
            return type;
        }

        private void Object(JsonElement value, ClassMapping mapping, TypeShape? known, bool isResource = false)
        {
            var shape = known ?? ShapeOf(mapping);
            var present = 0UL;
            var empty = true;
            foreach (var property in value.EnumerateObject())
            {
                empty = false;
                if (isResource && property.NameEquals("resourceType"u8)) continue;
                if (!shape.TryFind(property, out var element, out var extensionPart) || (extensionPart && !element.IsPrimitive))
                {
                    ReportChild(shape.ChoiceOf(property.Name) ?? property.Name, shape.ChoiceOf(property.Name) is { } choice
                        ? $"'{property.Name}': {property.Name[choice.Length..]} is not a type '{choice}' takes in {mapping.Name}"
                        : $"unknown element '{property.Name}': not an element of {mapping.Name}");
                    continue;
                }
                present |= element.MandatoryBit;
                if (element.Repeats) Repeating(property.Value, element, extensionPart);
                else if (property.Value.ValueKind == JsonValueKind.Array)
                    ReportChild(element.Name, $"'{element.Name}' takes one value, not an array");
                else One(property.Value, element, -1, extensionPart);
                if (issues.Count >= limit) return;
            }
            if (empty) Report("an object must not be empty");
            if (present == shape.AllMandatory) return;
            for (var i = 0; i < shape.Mandatory.Length; i++)
                if ((present & (1UL << i)) == 0)
                    ReportChild(shape.Mandatory[i].Name, $"'{shape.Mandatory[i].Name}' is required in {mapping.Name}");
        }

        private void Repeating(JsonElement value, Element element, bool extensionPart)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                ReportChild(element.Name, $"'{element.Property.Name}' repeats: its values go in an array");
                return;
            }
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                // A null stands in for a primitive's value or extension when the other array has it.
                if (item.ValueKind != JsonValueKind.Null || !element.IsPrimitive) One(item, element, index, extensionPart);
                index++;
            }
            if (index == 0) ReportChild(element.Name, "an array must not be empty");
        }

        private void One(JsonElement value, Element element, int index, bool extensionPart)
        {
            path.Add((element.Name, index));
            if (element.IsResource) Resource(value);
            else if (extensionPart || !element.IsPrimitive)
            {
                if (value.ValueKind == JsonValueKind.Object) Object(value, element.Type, element.Shape);
                else Report($"'{element.Property.Name}' is a {element.Type.Name}, a JSON object, not {KindOf(value)}");
            }
            else if (Primitive(value, element) is { } problem) Report(problem);
            path.RemoveAt(path.Count - 1);
        }

        private static string? Primitive(JsonElement value, Element element)
        {
            var type = element.Type;
            switch (value.ValueKind)
            {
                case JsonValueKind.String when element.Json == JsonValueKind.String:
                    var raw = JsonMarshal.GetRawUtf8Value(value);
                    if (raw.Length <= 2) return $"'{element.Property.Name}' must not be empty";
                    // Most strings (texts, displays, systems) have no format to check: no string is made of them.
                    if (element.EnumType is null && element.Format is null) return null;
                    // The raw value is in its quotes; plain ASCII with no escape is checked as bytes, the rest as text.
                    var bytes = raw[1..^1];
                    var plain = Ascii.IsValid(bytes) && !bytes.Contains((byte)'\\');
                    if (element.EnumType is { } enumType)
                        return (plain && element.Literals!.Contains(bytes)) || Hl7.Fhir.Utility.EnumUtility.ParseLiteral(value.GetString()!, enumType) is not null
                            ? null
                            : $"'{element.Property.Name}' is not a code of {element.EnumName} (a required binding)";
                    var valid = plain && element.Format!.Bytes is { } check ? check(bytes) : element.Format!.Text.IsMatch(value.GetString()!);
                    return valid ? null : $"'{element.Property.Name}' is not a valid {type.Name}";
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

        private void ReportChild(string name, string message)
        {
            path.Add((name, -1));
            Report(message);
            path.RemoveAt(path.Count - 1);
        }

        private void Report(string message)
        {
            if (issues.Count >= limit) return;
            var text = new StringBuilder();
            foreach (var (name, index) in path)
            {
                if (text.Length > 0) text.Append('.');
                text.Append(name);
                if (index >= 0) text.Append('[').Append(index).Append(']');
            }
            issues.Add(new(text.ToString(), message, IssueType.Structure));
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
    /// <param name="MandatoryBit">The element's bit among its type's required elements (none when it is optional).</param>
    private sealed record Element(string Name, PropertyMapping Property, ClassMapping Type, ulong MandatoryBit)
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

        /// <summary>The literals of a required code binding, as UTF-8: a plain value is looked up without a string.</summary>
        public Utf8Set? Literals { get; } = Type.IsCodeOfT && Type.EnumType is { } literals ? LiteralsOf(literals) : null;

        public Format? Format { get; } = Formats.GetValueOrDefault(Type.NativeType);
    }

    /// <summary>A type's JSON property names and its required elements, read once from the SDK's model.</summary>
    private sealed record TypeShape(Dictionary<string, Element> Elements, PropertyMapping[] Mandatory)
    {
        public static TypeShape Of(ClassMapping mapping)
        {
            PropertyMapping[] mandatory = [.. mapping.PropertyMappings.Where(property => property.IsMandatoryElement && !property.RepresentsValueElement)];
            if (mandatory.Length > 64) throw new InvalidOperationException($"{mapping.Name} has more than 64 required elements");
            ulong BitOf(PropertyMapping property) => Array.IndexOf(mandatory, property) is var at and >= 0 ? 1UL << at : 0;
            var elements = new Dictionary<string, Element>(StringComparer.Ordinal);
            foreach (var property in mapping.PropertyMappings)
            {
                if (property.RepresentsValueElement) continue;
                if (property.Choice == ChoiceType.DatatypeChoice)
                    foreach (var type in ChoiceTypes(property))
                        elements.TryAdd(property.Name + char.ToUpperInvariant(type.Name[0]) + type.Name[1..], new(property.Name, property, type, BitOf(property)));
                else if (property.Choice == ChoiceType.ResourceChoice || property.PropertyTypeMapping is null)
                    elements.TryAdd(property.Name, new(property.Name, property, Model.FindClassMapping(typeof(Resource))!, BitOf(property)));
                else elements.TryAdd(property.Name, new(property.Name, property, Model.FindOrImportClassMapping(property.ImplementingType) ?? property.PropertyTypeMapping, BitOf(property)));
            }
            return new(elements, mandatory);
        }

        /// <summary>Every required element's bit: what an object that has them all has seen.</summary>
        public ulong AllMandatory { get; } = Mandatory.Length == 64 ? ulong.MaxValue : (1UL << Mandatory.Length) - 1;

        private readonly string[] choices = [.. Elements.Values.Where(element => element.Property.Choice == ChoiceType.DatatypeChoice).Select(element => element.Name).Distinct()];

        /// <summary>The choice element (<c>value</c>) a JSON name with an unknown type suffix (<c>valueFoo</c>) is for.</summary>
        public string? ChoiceOf(string jsonName) =>
            choices.FirstOrDefault(choice => jsonName.Length > choice.Length && jsonName.StartsWith(choice, StringComparison.Ordinal) && char.IsUpper(jsonName[choice.Length]));

        private readonly Dictionary<byte[], Element>.AlternateLookup<ReadOnlySpan<byte>> byUtf8 =
            Elements.ToDictionary(pair => Encoding.UTF8.GetBytes(pair.Key), pair => pair.Value, Utf8Comparer.Instance).GetAlternateLookup<ReadOnlySpan<byte>>();

        /// <summary>The element a JSON property name is (<c>_birthDate</c>, a primitive's extension part, is
        /// <c>birthDate</c>'s), looked up from the name's UTF-8 bytes without making a string of it.</summary>
        public bool TryFind(JsonProperty property, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Element? element, out bool extensionPart)
        {
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            if (raw.Contains((byte)'\\'))
            {
                // Escaped: rare, so the decoded name is made a string.
                var decoded = property.Name;
                extensionPart = decoded.Length > 1 && decoded[0] == '_';
                return Elements.TryGetValue(extensionPart ? decoded[1..] : decoded, out element);
            }
            extensionPart = raw.Length > 1 && raw[0] == (byte)'_';
            return byUtf8.TryGetValue(extensionPart ? raw[1..] : raw, out element);
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

    /// <summary>The literals the SDK parses for an enum (each checked against <c>EnumUtility.ParseLiteral</c>, which
    /// still decides any value not found here).</summary>
    private static Utf8Set LiteralsOf(Type enumType) =>
        new([.. Enum.GetValues(enumType).Cast<Enum>().Select(Hl7.Fhir.Utility.EnumUtility.GetLiteral)
            .Where(literal => literal is not null && Hl7.Fhir.Utility.EnumUtility.ParseLiteral(literal, enumType) is not null)
            .Select(literal => Encoding.UTF8.GetBytes(literal!))]);

    /// <summary>A primitive's format: the SDK's <c>PATTERN</c> as a regular expression (compiled once here: the SDK's
    /// own check builds its expression per call, microseconds each, docs/performance.md) and, for the primitives a
    /// referral is full of, the same rule checked on plain ASCII bytes (<see cref="PrimitiveFormats"/>).</summary>
    private sealed record Format(Regex Text, PrimitiveFormats.Check? Bytes = null);

    private static readonly Dictionary<Type, Format> Formats = new()
    {
        [typeof(Date)] = new(Anchored(Date.PATTERN), PrimitiveFormats.IsDate),
        [typeof(FhirDateTime)] = new(Anchored(FhirDateTime.PATTERN), PrimitiveFormats.IsDateTime),
        [typeof(Instant)] = new(Anchored(Instant.PATTERN), PrimitiveFormats.IsInstant),
        [typeof(Time)] = new(Anchored(Time.PATTERN), PrimitiveFormats.IsTime),
        [typeof(Id)] = new(Anchored(Id.PATTERN), PrimitiveFormats.IsId),
        [typeof(Code)] = new(Anchored(Code.PATTERN), PrimitiveFormats.IsCode),
        [typeof(Oid)] = new(Anchored(Oid.PATTERN)),
        [typeof(Uuid)] = new(Anchored(Uuid.PATTERN)),
        [typeof(Base64Binary)] = new(Anchored(Base64Binary.PATTERN)),
    };

    /// <summary>The SDK's pattern as its validation applies it: the whole value must match.</summary>
    internal static Regex Anchored(string pattern) =>
        new($"^(?:{pattern})$", RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
