// Shim of microsoft/durabletask-dotnet src/Abstractions/TaskName.cs (package Microsoft.DurableTask.Abstractions).
// A data carrier: it keeps the value, as the real struct does, so tests can read what the adapter passed.
namespace Microsoft.DurableTask;

public readonly struct TaskName(string name)
{
    public string Name { get; } = name;

    public static implicit operator TaskName(string value) => new(value);
}
