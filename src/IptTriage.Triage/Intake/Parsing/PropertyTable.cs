using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>The known properties of one object of the contract. The names are the camelCase of
/// <typeparamref name="TProperty"/>'s members, so a section's switch and its wire names cannot drift apart.</summary>
internal sealed class PropertyTable<TProperty> where TProperty : struct, Enum
{
    private readonly byte[][] utf8Names;
    private readonly string[] names;

    /// <param name="path">The object's own path; empty for the root.</param>
    public PropertyTable(string path, params TProperty[] required)
    {
        Path = path;
        names = Array.ConvertAll(Enum.GetNames<TProperty>(), name => char.ToLowerInvariant(name[0]) + name[1..]);
        utf8Names = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
        foreach (var property in required) RequiredMask |= 1UL << IndexOf(property);
    }

    public string Path { get; }

    public FieldPath ObjectPath => Path.Length == 0 ? FieldPath.Root : FieldPath.Property("", Path);

    public FieldPath PathOf(TProperty property) => FieldPath.Property(Path, names[IndexOf(property)]);

    public ulong RequiredMask { get; }

    public string NameAt(int index) => names[index];

    /// <summary>Index of the property name the reader is on, or -1.</summary>
    public int Find(ref Utf8JsonReader reader) => ValueReader.Match(ref reader, utf8Names);

    // Every property enum is int-backed; these avoid boxing on the per-property hot path.
    public static int IndexOf(TProperty property) => Unsafe.As<TProperty, int>(ref property);

    public static TProperty AtIndex(int index) => Unsafe.As<int, TProperty>(ref index);
}
