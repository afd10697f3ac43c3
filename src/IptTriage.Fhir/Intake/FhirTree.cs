using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace IptTriage.Fhir.Intake;

/// <summary>What a node of the tree holds: JSON's kinds, with both booleans one kind.</summary>
internal enum NodeKind : byte { Object, Array, String, Number, Boolean, Null }

/// <summary>A FHIR request after its structure check (<see cref="FhirStructure"/>): one node per element value, in
/// document order, each knowing the model element it is, so the mapping reads the request without a
/// <see cref="System.Text.Json.JsonDocument"/> and without searching property names as text. Built in the same pass
/// over the bytes as the check, and only for a request the check found nothing wrong with: every node has its model's
/// JSON shape (a repeating element an array, a complex one an object, a primitive its JSON type).</summary>
internal sealed class FhirTree
{
    /// <param name="ElementId">The model element whose value this is (the element of a repeating one's array and of each
    /// of its items), by its <see cref="FhirStructure.Element.Id"/>; 0 for the request's own resource. An id, not a
    /// reference: the nodes hold no references, so their array is neither zeroed nor scanned by the GC, and writing one
    /// needs no write barrier.</param>
    /// <param name="Start">A string's UTF-8 bytes (unescaped) or a number's text, in <see cref="FhirTree.data"/>; a
    /// boolean's value as 0 or 1; a resource's type, as its place in <see cref="FhirTree.resourceTypes"/> plus one.</param>
    /// <param name="Length">A value's byte length; an array's item count.</param>
    /// <param name="End">The index after the node's last descendant: its next sibling's.</param>
    /// <param name="Index">The node's place in its array, or -1.</param>
    /// <param name="ExtensionPart">The value of a primitive's <c>_name</c>, its id and extensions.</param>
    internal record struct Node(int ElementId, int Start, int Length, int End, int Parent, int Index, NodeKind Kind, bool ExtensionPart)
    {
        public readonly FhirStructure.Element Element => FhirStructure.Element.ById(ElementId);
    }

    private Node[] nodes;
    private int count;

    /// <summary>The resources' types (their <c>resourceType</c>, which has no node of its own).</summary>
    private readonly List<string> resourceTypes = new(8);

    /// <summary>The request's bytes, then any escaped string's value unescaped, so every value is a slice of it. Given
    /// back for the thread's next request once the mapping is done (<see cref="Release"/>).</summary>
    private byte[] data;

    [ThreadStatic]
    private static byte[]? reusable;

    [ThreadStatic]
    private static Node[]? reusableNodes;

    /// <summary>Larger buffers are not kept for the next request.</summary>
    private const int KeptBytes = 64 * 1024;

    private int dataLength;

    /// <summary>The request's bytes copied, with room for as much again (an unescaped value is never longer than its
    /// escaped text).</summary>
    public FhirTree(ReadOnlySpan<byte> utf8Json, string root)
    {
        // Only what is written is read, so neither a kept buffer nor a new one is zeroed.
        var needed = utf8Json.Length * 2;
        data = reusable is { } kept && kept.Length >= needed ? kept : GC.AllocateUninitializedArray<byte>(Math.Max(needed, 16 * 1024));
        reusable = null;
        utf8Json.CopyTo(data);
        dataLength = utf8Json.Length;
        // FHIR JSON has about one value for every 16 bytes; every node is written before it is read.
        var estimate = Math.Max(16, utf8Json.Length / 16);
        nodes = reusableNodes is { } keptNodes && keptNodes.Length >= estimate ? keptNodes : GC.AllocateUninitializedArray<Node>(Math.Max(estimate, 1024));
        reusableNodes = null;
        Root = root;
    }

    /// <summary>The mapping is done: the bytes and the node array serve the thread's next request, and nothing of
    /// this one can be read after it (a read throws rather than reading another request's). A location is made text
    /// before this, or found again by reading the request again (<see cref="FhirIntake.Locate"/>).</summary>
    public void Release()
    {
        if (nodes is null) return;
        if (data.Length <= KeptBytes) reusable = data;
        if (nodes.Length * Unsafe.SizeOf<Node>() <= KeptBytes) reusableNodes = nodes;
        (data, nodes) = (null!, null!);
    }

    /// <summary>The name locations start with: the request's resource type once known.</summary>
    public string Root { get; set; }

    public FhirNode Resource => new(this, 0);

    internal ref Node this[int index] => ref nodes[index];

    internal int Add(in Node node)
    {
        if (count == nodes.Length)
        {
            var larger = GC.AllocateUninitializedArray<Node>(nodes.Length * 2);
            nodes.AsSpan().CopyTo(larger);
            nodes = larger;
        }
        nodes[count] = node;
        return count++;
    }

    /// <summary>A resource: an object that knows its type.</summary>
    internal int AddResource(in Node node, string type)
    {
        resourceTypes.Add(type);
        return Add(node with { Start = resourceTypes.Count });
    }

    internal string? ResourceTypeOf(int node) => nodes[node] is { Kind: NodeKind.Object, Start: > 0 } resource ? resourceTypes[resource.Start - 1] : null;

    /// <summary>A value with no descendants.</summary>
    internal int AddLeaf(in Node node)
    {
        var leaf = Add(node);
        nodes[leaf].End = leaf + 1;
        return leaf;
    }

    /// <summary>Closes a node: its descendants are the nodes added since it.</summary>
    internal void Close(int node, int items) => (nodes[node].End, nodes[node].Length) = (count, items);

    /// <summary>Where in <see cref="data"/> an unescaped value goes: <see cref="Committed"/> says how long it was.</summary>
    internal Span<byte> Spare => data.AsSpan(dataLength);

    internal int Committed(int length)
    {
        var start = dataLength;
        dataLength += length;
        return start;
    }

    internal ReadOnlySpan<byte> Bytes(int node) => data.AsSpan(nodes[node].Start, nodes[node].Length);

    /// <summary>The FHIRPath location of a node (<c>Bundle.entry[2].resource.item[0]</c>): its element names and
    /// indexes up to the request's root, arrays being in their items' names.</summary>
    public string LocationOf(int node)
    {
        Span<int> chain = stackalloc int[64];
        var depth = 0;
        // An array is named by its items (entry[2]), so only a location of the array itself names it.
        for (var at = node; at > 0; at = nodes[at].Parent)
            if (at == node || nodes[at].Kind != NodeKind.Array) chain[depth++] = at;
        var text = new StringBuilder(Root);
        for (var i = depth - 1; i >= 0; i--)
        {
            ref var step = ref nodes[chain[i]];
            text.Append('.').Append(step.Element.Name);
            if (step.Index >= 0) text.Append('[').Append(step.Index).Append(']');
        }
        return text.ToString();
    }
}

/// <summary>One value of a checked FHIR request (an object, array or primitive), read as the mapping needs it. A
/// default one is absent: every read of it gives nothing.</summary>
internal readonly struct FhirNode : IEquatable<FhirNode>
{
    private readonly FhirTree tree;
    private readonly int index;

    public FhirNode(FhirTree tree, int index) => (this.tree, this.index) = (tree, index);

    public bool Exists => tree is not null;

    public bool IsObject => Exists && tree[index].Kind == NodeKind.Object;

    /// <summary>A resource's type; none for any other value.</summary>
    public string? ResourceType => Exists ? tree.ResourceTypeOf(index) : null;

    public FhirLocation Location => new(tree, index);

    /// <summary>A string's value.</summary>
    public string GetString() => Encoding.UTF8.GetString(tree.Bytes(index));

    /// <summary>A string's UTF-8 bytes: nothing for anything else or an absent node.</summary>
    public ReadOnlySpan<byte> Utf8 => Exists && tree[index].Kind == NodeKind.String ? tree.Bytes(index) : default;

    public int GetInt32() => Utf8Parser.TryParse(tree.Bytes(index), out int value, out _) ? value : throw new InvalidOperationException("not a whole number");

    /// <summary>A number's value, in any JSON notation (<c>2</c>, <c>2.0</c>, <c>2e0</c>).</summary>
    public decimal GetDecimal() => JsonCursor.TryParseDecimal(tree.Bytes(index), out var value) ? value : throw new InvalidOperationException("not a decimal");

    public bool GetBoolean() => tree[index].Start == 1;

    /// <summary>The object's property <paramref name="jsonName"/> (its value, not its extension part), else absent. Of two
    /// properties of one name, the last, as <see cref="System.Text.Json.JsonElement.TryGetProperty(string, out System.Text.Json.JsonElement)"/> reads it.</summary>
    public FhirNode this[ReadOnlySpan<byte> jsonName]
    {
        get
        {
            if (!IsObject) return default;
            var found = -1;
            var end = tree[index].End;
            for (var child = index + 1; child < end; child = tree[child].End)
            {
                ref var node = ref tree[child];
                if (!node.ExtensionPart && jsonName.SequenceEqual(node.Element.JsonName)) found = child;
            }
            return found < 0 ? default : new(tree, found);
        }
    }

    /// <summary>An object's properties (an array's items), each once, in order.</summary>
    public FhirNodes Properties => Exists && tree[index].Kind is NodeKind.Object or NodeKind.Array ? new(tree, index) : default;

    /// <summary>An array's items, none for anything else.</summary>
    public FhirNodes Items => Exists && tree[index].Kind == NodeKind.Array ? new(tree, index) : default;

    /// <summary>The JSON name of the property this is the value of (<c>valueCoding</c>): none for an extension part or an
    /// absent node. Read once to tell a property from several names.</summary>
    public ReadOnlySpan<byte> JsonName => Exists && !tree[index].ExtensionPart ? tree[index].Element.JsonName : default;

    /// <summary>Two properties, each as <see cref="this[ReadOnlySpan{byte}]"/> finds it, in one pass over the object.</summary>
    public (FhirNode First, FhirNode Second) Both(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        if (!IsObject) return default;
        int one = -1, other = -1;
        var end = tree[index].End;
        for (var child = index + 1; child < end; child = tree[child].End)
        {
            ref var node = ref tree[child];
            if (node.ExtensionPart) continue;
            var name = node.Element.JsonName;
            if (first.SequenceEqual(name)) one = child;
            if (second.SequenceEqual(name)) other = child;
        }
        return (one < 0 ? default : new(tree, one), other < 0 ? default : new(tree, other));
    }

    /// <summary>A string property's value.</summary>
    public string? Text(ReadOnlySpan<byte> jsonName) => this[jsonName] is { Utf8.IsEmpty: false } value ? value.GetString() : null;

    /// <summary>Whether a string property is <paramref name="expected"/>.</summary>
    public bool Is(ReadOnlySpan<byte> jsonName, ReadOnlySpan<byte> expected) => this[jsonName] is { Exists: true } value && value.Utf8.SequenceEqual(expected);

    public bool? Flag(ReadOnlySpan<byte> jsonName) => this[jsonName] is { Exists: true } value && value.Kind == NodeKind.Boolean ? value.GetBoolean() : null;

    /// <summary>An object property, else absent.</summary>
    public FhirNode Child(ReadOnlySpan<byte> jsonName) => this[jsonName] is { IsObject: true } value ? value : default;

    /// <summary>A repeating element's items, none when it is absent.</summary>
    public FhirNodes Each(ReadOnlySpan<byte> jsonName) => this[jsonName].Items;

    /// <summary>A choice element (<c>value[x]</c>): its type suffix (<c>Coding</c>) and value, or none.</summary>
    public (string Type, FhirNode Value) Choice(string name)
    {
        if (!IsObject) return ("", default);
        var end = tree[index].End;
        for (var child = index + 1; child < end; child = tree[child].End)
        {
            ref var node = ref tree[child];
            if (!node.ExtensionPart && node.Element.Name == name && node.Element.JsonName.Length > name.Length)
                return (Encoding.UTF8.GetString(node.Element.JsonName.AsSpan(name.Length)), new(tree, child));
        }
        return ("", default);
    }

    /// <summary>Whether a Coding (or any object with a system and code) is <paramref name="system"/>|<paramref name="code"/>.</summary>
    public bool IsCode(ReadOnlySpan<byte> system, ReadOnlySpan<byte> code) =>
        Both("system"u8, "code"u8) is ({ Exists: true } hasSystem, { Exists: true } hasCode) && hasSystem.Utf8.SequenceEqual(system) && hasCode.Utf8.SequenceEqual(code);

    internal NodeKind Kind => tree[index].Kind;

    internal FhirTree Tree => tree;

    internal int Index => index;

    public bool Equals(FhirNode other) => ReferenceEquals(tree, other.Tree) && index == other.Index;

    public override bool Equals(object? obj) => obj is FhirNode other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(tree, index);
}

/// <summary>The items of a repeating element (or the properties of an object), in order.</summary>
internal readonly struct FhirNodes(FhirTree tree, int array)
{
    /// <summary>An array's item count (an object's properties are only enumerated).</summary>
    public int Count => tree is null ? 0 : tree[array].Length;

    /// <summary>Walks to the item: arrays here are short.</summary>
    public FhirNode this[int position]
    {
        get
        {
            if ((uint)position >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(position));
            var item = array + 1;
            for (var i = 0; i < position; i++) item = tree[item].End;
            return new(tree, item);
        }
    }

    /// <summary>The place of the first item that <paramref name="match"/> takes, or -1.</summary>
    public int FindIndex(Func<FhirNode, bool> match)
    {
        var position = 0;
        foreach (var item in this)
        {
            if (match(item)) return position;
            position++;
        }
        return -1;
    }

    public Enumerator GetEnumerator() => new(tree, array);

    public struct Enumerator(FhirTree tree, int array)
    {
        private int item = -1;

        public readonly FhirNode Current => new(tree, item);

        public bool MoveNext()
        {
            if (tree is null) return false;
            item = item < 0 ? array + 1 : tree[item].End;
            return item < tree[array].End;
        }
    }
}
