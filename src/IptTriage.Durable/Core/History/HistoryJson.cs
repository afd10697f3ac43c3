using System.Text.Json;

namespace IptTriage.Durable.Core.History;

/// <summary>The stored text form of history events and messages.</summary>
internal static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    public static HistoryEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options)
        ?? throw new InvalidDataException("A stored history event is empty.");

    public static string SerializeFailure(TaskFailureDetails failure) => JsonSerializer.Serialize(failure, Options);

    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(json, Options);
}
