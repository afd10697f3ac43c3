namespace IptTriage.DurableTask.Sqlite.Tests.Support;

/// <summary>Picks events of one kind out of a protobuf history, as <c>OfType</c> did for typed events.</summary>
public static class HistoryQuery
{
    public static IEnumerable<P.HistoryEvent> Of(this IEnumerable<P.HistoryEvent> history, P.HistoryEvent.EventTypeOneofCase kind) =>
        history.Where(e => e.EventTypeCase == kind);
}
