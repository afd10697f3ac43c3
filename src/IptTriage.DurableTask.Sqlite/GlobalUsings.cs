global using Microsoft.DurableTask;
global using Microsoft.DurableTask.Client;
global using P = Microsoft.DurableTask.Protobuf;
