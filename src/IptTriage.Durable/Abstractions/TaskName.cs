namespace IptTriage.Durable;

/// <summary>The name of an orchestrator or activity, as in Microsoft.DurableTask (names compare ordinally, ignoring case).</summary>
public readonly record struct TaskName
{
    public TaskName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    public string Name { get; }

    public static implicit operator TaskName(string name) => new(name);

    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty);

    public override string ToString() => Name;
}
