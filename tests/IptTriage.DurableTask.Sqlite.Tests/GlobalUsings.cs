global using IptTriage.DurableTask.Sqlite.Tests.Support;
global using Microsoft.DurableTask;
global using Microsoft.DurableTask.Client;
global using static Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;
global using P = Microsoft.DurableTask.Protobuf;
