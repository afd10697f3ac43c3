using System.Collections.Concurrent;
using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Introspection;
using Hl7.Fhir.Model;
using IssueType = Hl7.Fhir.Model.OperationOutcome.IssueType;

namespace IptTriage.Fhir.Intake;

/// <summary>Structural validation of incoming FHIR JSON against the SDK's R4 model (Firely's <see cref="ModelInspector"/>:
/// each type's elements, which repeat, which are required, the types a choice element allows, the literals of each
/// required code binding, and the SDK's own format rules for primitives, <c>Date.IsValidValue</c> …), in one forward
/// pass over the bytes (<see cref="JsonCursor"/>) that also builds the <see cref="FhirTree"/> the mapping reads: no
/// POCOs, no <see cref="JsonDocument"/>. It finds what the SDK's deserializer with its default validation finds (unknown elements
/// and resource types, arrays where one value goes and the reverse, a wrong JSON type, a bad primitive, an unknown code
/// of a required binding, a missing required element, empty objects, arrays and strings), located by the same instance
/// paths (<c>Bundle.entry[1].resource.gender</c>); StructureTests runs both on the same broken resources.</summary>
internal static class FhirStructure
{
    private static readonly ModelInspector Model = ModelInfo.ModelInspector;

    private static readonly ConcurrentDictionary<ClassMapping, TypeShape> Shapes = new();

    /// <summary>The concrete resource types by their UTF-8 names: a resource's type is found without a string.</summary>
    private static readonly Utf8Map<ClassMapping> ResourceTypes =
        new([.. Model.ClassMappings.Where(mapping => mapping is { IsResource: true, IsAbstract: not true })
            .DistinctBy(mapping => mapping.Name)
            .Select(mapping => KeyValuePair.Create(Encoding.UTF8.GetBytes(mapping.Name), mapping))]);

    /// <summary>Reads <paramref name="utf8Json"/> (a FHIR resource, no byte order mark) and checks it: the tree when
    /// nothing is wrong, else null with every issue (at most <paramref name="limit"/>) in <paramref name="issues"/>.
    /// Text that is not JSON, or not UTF-8, is one issue, whatever else the check had found before it.</summary>
    public static FhirTree? Read(ReadOnlySpan<byte> utf8Json, string root, List<FhirIssue> issues, int limit = 100)
    {
        if (!Utf8.IsValid(utf8Json))
        {
            issues.Add(new(root, $"not valid JSON: the text is not UTF-8 (byte {FirstInvalidUtf8(utf8Json) + 1})", IssueType.Structure));
            return null;
        }
        var tree = new FhirTree(utf8Json, root);
        var reader = new JsonCursor(utf8Json, IptTriage.Triage.Intake.IntakeParser.MaxDepth);
        var walk = new Walk(tree, issues, limit);
        try
        {
            try
            {
                reader.Read();
                walk.Resource(ref reader, element: null, parent: -1, index: -1);
            }
            catch (LimitReached)
            {
                // Enough said: the rest is only read to the end, for a syntax error that would replace all of it.
            }
            while (reader.Read()) { }
        }
        catch (JsonException broken)
        {
            issues.Clear();
            issues.Add(new(root, $"not valid JSON (line {broken.LineNumber + 1}, byte {broken.BytePositionInLine + 1} of that line)", IssueType.Structure));
        }
        if (issues.Count == 0) return tree;
        tree.Release();
        return null;
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> text)
    {
        for (var at = 0; at < text.Length;)
        {
            if (Rune.DecodeFromUtf8(text[at..], out _, out var consumed) != System.Buffers.OperationStatus.Done) return at;
            at += consumed;
        }
        return text.Length;
    }

    private sealed class LimitReached : Exception;

    /// <summary>The pass: each method starts at its value's first token and leaves the reader on its last.</summary>
    private sealed class Walk(FhirTree tree, List<FhirIssue> issues, int limit)
    {
        /// <param name="element">The element holding the resource (<c>resource</c>, <c>contained</c>); none for the request's own.</param>
        public string? Resource(ref JsonCursor reader, Element? element, int parent, int index)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Report(At(parent, element, index), $"a resource is a JSON object, not {KindOf(reader.TokenType)}");
                reader.Skip();
                return null;
            }
            var (mapping, type) = TypeOf(reader);
            if (mapping is null)
            {
                Report(At(parent, element, index), type is null ? "the resource has no resourceType" : $"'{type}' is not a FHIR R4 resource type");
                reader.Skip();
                return null;
            }
            if (parent < 0) tree.Root = mapping.Name;
            var node = tree.AddResource(new(element?.Id ?? 0, 0, 0, 0, parent, index, NodeKind.Object, false), mapping.Name);
            Object(ref reader, node, mapping, ShapeOf(mapping), isResource: true);
            return mapping.Name;
        }

        /// <summary>The resource type an object names, looked for ahead on a copy of the reader (it is most often the
        /// first property, but need not be).</summary>
        private static (ClassMapping? Mapping, string? Type) TypeOf(JsonCursor ahead)
        {
            while (ahead.NextProperty())
            {
                var isType = ahead.ValueTextEquals("resourceType"u8);
                ahead.NextValue();
                if (!isType)
                {
                    ahead.Skip();
                    continue;
                }
                if (ahead.TokenType != JsonTokenType.String) return (null, null);
                if (!ahead.ValueIsEscaped && ResourceTypes.TryGetValue(ahead.ValueSpan, out var mapping)) return (mapping, mapping.Name);
                var type = TextOf(ref ahead);
                return (Model.FindClassMapping(type) is { IsResource: true, IsAbstract: not true } found ? found : null, type);
            }
            return (null, null);
        }

        private void Object(ref JsonCursor reader, int node, ClassMapping mapping, TypeShape shape, bool isResource = false)
        {
            var present = 0UL;
            var empty = true;
            Element? previous = null;
            while (reader.NextProperty())
            {
                empty = false;
                if (isResource && reader.ValueTextEquals("resourceType"u8))
                {
                    // Read ahead by TypeOf.
                    reader.NextValue();
                    reader.Skip();
                    continue;
                }
                if (!shape.TryFind(ref reader, previous, out var element, out var extensionPart) || (extensionPart && !element.IsPrimitive))
                {
                    var name = TextOf(ref reader);
                    var choice = shape.ChoiceOf(name);
                    Report(ChildOf(node, choice ?? name), choice is not null
                        ? $"'{name}': {name[choice.Length..]} is not a type '{choice}' takes in {mapping.Name}"
                        : $"unknown element '{name}': not an element of {mapping.Name}");
                    reader.NextValue();
                    reader.Skip();
                    continue;
                }
                present |= element.MandatoryBit;
                previous = element;
                reader.NextValue();
                if (element.Repeats) Repeating(ref reader, node, element, extensionPart);
                else if (reader.TokenType == JsonTokenType.StartArray)
                {
                    Report(ChildOf(node, element.Name), $"'{element.Name}' takes one value, not an array");
                    reader.Skip();
                }
                else One(ref reader, node, element, -1, extensionPart);
            }
            tree.Close(node, 0);
            if (empty) Report(tree.LocationOf(node), "an object must not be empty");
            if (present == shape.AllMandatory) return;
            for (var i = 0; i < shape.Mandatory.Length; i++)
                if ((present & (1UL << i)) == 0)
                    Report(ChildOf(node, shape.Mandatory[i].Name), $"'{shape.Mandatory[i].Name}' is required in {mapping.Name}");
        }

        private void Repeating(ref JsonCursor reader, int parent, Element element, bool extensionPart)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Report(ChildOf(parent, element.Name), $"'{element.Property.Name}' repeats: its values go in an array");
                reader.Skip();
                return;
            }
            var array = tree.Add(new(element.Id, 0, 0, 0, parent, -1, NodeKind.Array, extensionPart));
            var index = 0;
            while (reader.NextItem())
            {
                // A null stands in for a primitive's value or extension when the other array has it.
                if (reader.TokenType == JsonTokenType.Null && element.IsPrimitive) tree.AddLeaf(new(element.Id, 0, 0, 0, array, index, NodeKind.Null, extensionPart));
                else One(ref reader, array, element, index, extensionPart);
                index++;
            }
            tree.Close(array, index);
            if (index == 0) Report(ChildOf(parent, element.Name), "an array must not be empty");
        }

        private void One(ref JsonCursor reader, int parent, Element element, int index, bool extensionPart)
        {
            if (element.IsResource) Resource(ref reader, element, parent, index);
            else if (extensionPart || !element.IsPrimitive)
            {
                if (reader.TokenType == JsonTokenType.StartObject)
                    Object(ref reader, tree.Add(new(element.Id, 0, 0, 0, parent, index, NodeKind.Object, extensionPart)), element.Type, element.Shape);
                else
                {
                    Report(At(parent, element, index), $"'{element.Property.Name}' is a {element.Type.Name}, a JSON object, not {KindOf(reader.TokenType)}");
                    reader.Skip();
                }
            }
            else if (Primitive(ref reader, parent, element, index) is { } problem)
            {
                Report(At(parent, element, index), problem);
                reader.Skip();
            }
        }

        /// <summary>A primitive's value checked and added as a leaf, or what is wrong with it.</summary>
        private string? Primitive(ref JsonCursor reader, int parent, Element element, int index)
        {
            var type = element.Type;
            switch (reader.TokenType)
            {
                case JsonTokenType.String when element.Json == JsonValueKind.String:
                    if (reader.ValueSpan.IsEmpty) return $"'{element.Property.Name}' must not be empty";
                    int start, length;
                    if (!reader.ValueIsEscaped) (start, length) = (reader.TokenStartIndex + 1, reader.ValueSpan.Length);
                    else
                    {
                        try
                        {
                            length = reader.CopyString(tree.Spare);
                        }
                        catch (InvalidOperationException)
                        {
                            return $"'{element.Property.Name}' is not valid text (an escaped surrogate without its pair)";
                        }
                        start = tree.Committed(length);
                    }
                    var leaf = tree.AddLeaf(new(element.Id, start, length, 0, parent, index, NodeKind.String, false));
                    // Most strings (texts, displays, systems) have no format to check.
                    if (element.EnumType is null && element.Format is null) return null;
                    var bytes = tree.Bytes(leaf);
                    // The literals are ASCII: other text is the SDK's to judge.
                    if (element.EnumType is { } enumType)
                        return element.Literals!.Contains(bytes) || Hl7.Fhir.Utility.EnumUtility.ParseLiteral(Encoding.UTF8.GetString(bytes), enumType) is not null
                            ? null
                            : $"'{element.Property.Name}' is not a code of {element.EnumName} (a required binding)";
                    // The byte checks read ASCII; other text goes to the SDK's pattern.
                    var valid = Ascii.IsValid(bytes) && element.Format!.Bytes is { } check ? check(bytes) : element.Format!.Text.IsMatch(Encoding.UTF8.GetString(bytes));
                    return valid ? null : $"'{element.Property.Name}' is not a valid {type.Name}";
                case JsonTokenType.True or JsonTokenType.False when element.Json == JsonValueKind.True:
                    tree.AddLeaf(new(element.Id, reader.TokenType == JsonTokenType.True ? 1 : 0, 0, 0, parent, index, NodeKind.Boolean, false));
                    return null;
                case JsonTokenType.Number when element.Json == JsonValueKind.Number:
                    var problem = type.NativeType == typeof(FhirDecimal) ? (reader.TryGetDecimal(out _) ? null : $"'{element.Property.Name}' is out of range for a decimal")
                        : !reader.TryGetInt32(out var number) ? $"'{element.Property.Name}' must be a whole number"
                        : type.NativeType == typeof(PositiveInt) && number < 1 ? $"'{element.Property.Name}' must be 1 or more"
                        : type.NativeType == typeof(UnsignedInt) && number < 0 ? $"'{element.Property.Name}' must be 0 or more"
                        : null;
                    if (problem is null) tree.AddLeaf(new(element.Id, reader.TokenStartIndex, reader.ValueSpan.Length, 0, parent, index, NodeKind.Number, false));
                    return problem;
                default:
                    return $"'{element.Property.Name}' is a {type.Name}, a JSON {Expected(element.Json)}, not {KindOf(reader.TokenType)}";
            }
        }

        /// <summary>Where a value without a node is: under <paramref name="parent"/>, or the request's root.</summary>
        private string At(int parent, Element? element, int index) =>
            parent < 0 ? tree.Root : index < 0 ? ChildOf(parent, element!.Name) : $"{ChildOf(parent, element!.Name)}[{index}]";

        /// <summary>The element <paramref name="name"/> of the node <paramref name="parent"/>, which may have no node of its own.</summary>
        private string ChildOf(int parent, string name) => $"{tree.LocationOf(parent)}.{name}";

        private void Report(string location, string message)
        {
            issues.Add(new(location, message, IssueType.Structure));
            if (issues.Count >= limit) throw new LimitReached();
        }
    }

    /// <summary>A string or property name as text; one that cannot be decoded (a lone escaped surrogate) as written.</summary>
    private static string TextOf(ref JsonCursor reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    private static string Expected(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        _ => "true or false",
    };

    private static string KindOf(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.Null => "null",
        _ => "true or false",
    };

    private static TypeShape ShapeOf(ClassMapping mapping) => Shapes.GetOrAdd(mapping, TypeShape.Of);

    /// <summary>One JSON property name of a type: the SDK's element and the type its value has there (for a choice
    /// element, the type its name's suffix gives: <c>valueCoding</c>).</summary>
    /// <param name="Name">The element's name in FHIRPath locations: a choice element's own (<c>value</c>), without the
    /// type suffix its JSON name has.</param>
    /// <param name="MandatoryBit">The element's bit among its type's required elements (none when it is optional).</param>
    /// <param name="JsonKey">The JSON property name (<c>valueCoding</c>).</param>
    /// <remarks>A class, not a record: <see cref="Next"/> links elements, so a record's equality could go round them.</remarks>
    internal sealed class Element(string name, string jsonKey, PropertyMapping property, ClassMapping type, ulong mandatoryBit)
    {
        private static readonly Lock Registering = new();

        /// <summary>Every element made, by id (0 is none): a tree's nodes name their element by id. Grown under the lock,
        /// read without it: an array once published is never changed in a place already given out.</summary>
        private static volatile Element[] registry = new Element[1024];

        private static int registered;

        /// <summary>This element's place in the registry, once <see cref="Registered"/>.</summary>
        public int Id { get; private set; }

        public static Element ById(int id) => registry[id];

        public Element Registered()
        {
            lock (Registering)
            {
                Id = ++registered;
                if (Id == registry.Length)
                {
                    var larger = new Element[registry.Length * 2];
                    registry.CopyTo(larger);
                    larger[Id] = this;
                    registry = larger;
                }
                else registry[Id] = this;
                return this;
            }
        }

        public string Name { get; } = name;

        public PropertyMapping Property { get; } = property;

        public ClassMapping Type { get; } = type;

        public ulong MandatoryBit { get; } = mandatoryBit;

        /// <summary>The JSON property name as UTF-8, which the mapping compares names with.</summary>
        public byte[] JsonName { get; } = Encoding.UTF8.GetBytes(jsonKey);

        /// <summary>The element that followed this one in the last object of its type read (<see cref="TypeShape.TryFind"/>).</summary>
        public Element? Next { get; set; }

        // Read once from the SDK's mapping: the walk asks for them at every element.
        public bool Repeats { get; } = property.IsCollection;

        public bool IsResource { get; } = property.Choice == ChoiceType.ResourceChoice;

        public bool IsPrimitive { get; } = type.IsFhirPrimitive;

        /// <summary>The shape of the element's type, once the walk first needs it.</summary>
        public TypeShape Shape => shape ??= ShapeOf(Type);

        private TypeShape? shape;

        public JsonValueKind Json { get; } = JsonKindOf(type);

        public Type? EnumType { get; } = type.IsCodeOfT ? type.EnumType : null;

        public string? EnumName { get; } = type.IsCodeOfT && type.EnumType is { } enumType ? Model.FindEnumMapping(enumType)?.Name ?? enumType.Name : null;

        /// <summary>The literals of a required code binding, as UTF-8: a plain value is looked up without a string.</summary>
        public Utf8Set? Literals { get; } = type.IsCodeOfT && type.EnumType is { } literals ? LiteralsOf(literals) : null;

        public Format? Format { get; } = Formats.GetValueOrDefault(type.NativeType);
    }

    /// <summary>A type's JSON property names and its required elements, read once from the SDK's model.</summary>
    internal sealed record TypeShape(Dictionary<string, Element> Elements, PropertyMapping[] Mandatory)
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
                    {
                        var key = property.Name + char.ToUpperInvariant(type.Name[0]) + type.Name[1..];
                        elements.TryAdd(key, new Element(property.Name, key, property, type, BitOf(property)).Registered());
                    }
                else if (property.Choice == ChoiceType.ResourceChoice || property.PropertyTypeMapping is null)
                    elements.TryAdd(property.Name, new Element(property.Name, property.Name, property, Model.FindClassMapping(typeof(Resource))!, BitOf(property)).Registered());
                else elements.TryAdd(property.Name, new Element(property.Name, property.Name, property, Model.FindOrImportClassMapping(property.ImplementingType) ?? property.PropertyTypeMapping, BitOf(property)).Registered());
            }
            return new(elements, mandatory);
        }

        /// <summary>Every required element's bit: what an object that has them all has seen.</summary>
        public ulong AllMandatory { get; } = Mandatory.Length == 64 ? ulong.MaxValue : (1UL << Mandatory.Length) - 1;

        private readonly string[] choices = [.. Elements.Values.Where(element => element.Property.Choice == ChoiceType.DatatypeChoice).Select(element => element.Name).Distinct()];

        /// <summary>The choice element (<c>value</c>) a JSON name with an unknown type suffix (<c>valueFoo</c>) is for.</summary>
        public string? ChoiceOf(string jsonName) =>
            choices.FirstOrDefault(choice => jsonName.Length > choice.Length && jsonName.StartsWith(choice, StringComparison.Ordinal) && char.IsUpper(jsonName[choice.Length]));

        /// <summary>The element an object of this type began with last time.</summary>
        private Element? first;

        private readonly Utf8Map<Element> byUtf8 = new([.. Elements.Select(pair => KeyValuePair.Create(Encoding.UTF8.GetBytes(pair.Key), pair.Value))]);

        /// <summary>The element the property name the reader is on is (<c>_birthDate</c>, a primitive's extension part,
        /// is <c>birthDate</c>'s), looked up from the name's UTF-8 bytes without making a string of it.</summary>
        /// <param name="previous">The element before it in this object: what followed that last time is tried first,
        /// as objects of one type mostly list the same elements in the same order.</param>
        public bool TryFind(ref JsonCursor reader, Element? previous, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Element? element, out bool extensionPart)
        {
            if (reader.ValueIsEscaped)
            {
                // Escaped: rare, so the decoded name is made a string.
                var decoded = TextOf(ref reader);
                extensionPart = decoded.Length > 1 && decoded[0] == '_';
                return Elements.TryGetValue(extensionPart ? decoded[1..] : decoded, out element);
            }
            var raw = reader.ValueSpan;
            var predicted = previous is null ? first : previous.Next;
            if (predicted is not null && raw.SequenceEqual(predicted.JsonName))
            {
                (element, extensionPart) = (predicted, false);
                return true;
            }
            extensionPart = raw.Length > 1 && raw[0] == (byte)'_';
            if (!byUtf8.TryGetValue(extensionPart ? raw[1..] : raw, out element)) return false;
            // A hint only, checked before it is used: a race between two requests can only make it wrong.
            if (!extensionPart)
            {
                if (previous is null) first = element;
                else previous.Next = element;
            }
            return true;
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
        new(Enum.GetValues(enumType).Cast<Enum>().Select(Hl7.Fhir.Utility.EnumUtility.GetLiteral).OfType<string>()
            .Where(literal => Hl7.Fhir.Utility.EnumUtility.ParseLiteral(literal, enumType) is not null));

    /// <summary>A primitive's format: the SDK's <c>PATTERN</c> as a regular expression (compiled once here: the SDK's
    /// own check builds its expression per call, microseconds each, docs/performance.md) and, for the primitives a
    /// referral is full of, the same rule checked on plain ASCII bytes (<see cref="PrimitiveFormats"/>).</summary>
    internal sealed record Format(Regex Text, PrimitiveFormats.Check? Bytes = null);

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
