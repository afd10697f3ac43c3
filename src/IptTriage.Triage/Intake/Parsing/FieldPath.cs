namespace IptTriage.Triage.Intake.Parsing;

/// <summary>Where an error is, kept as parts so the path string (<c>instruments.phq9[3]</c>) is only built when an
/// error is actually reported.</summary>
internal readonly struct FieldPath
{
    private readonly string parent;
    private readonly string? name;
    private readonly int index;

    private FieldPath(string parent, string? name, int index)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    public static FieldPath Root => new("$", null, -1);

    /// <param name="parent">The enclosing object's path; empty for a top-level property.</param>
    public static FieldPath Property(string parent, string name) => new(parent, name, -1);

    public FieldPath Element(int elementIndex) => new(parent, name, elementIndex);

    public override string ToString()
    {
        var property = name is null ? parent : parent.Length == 0 ? name : $"{parent}.{name}";
        return index < 0 ? property : $"{property}[{index}]";
    }
}
