// Shim of microsoft/durabletask-dotnet src/Abstractions/TaskName.cs (package Microsoft.DurableTask.Abstractions).
// A data carrier: it keeps the value, as the real struct does, so tests can read what the adapter passed.
namespace Microsoft.DurableTask;

public readonly struct TaskName(string name) : IEquatable<TaskName>
{
    public string Name { get; } = name;

    public static implicit operator TaskName(string value) => new(value);

    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name ?? string.Empty);

    public override string ToString() => Name;
}
