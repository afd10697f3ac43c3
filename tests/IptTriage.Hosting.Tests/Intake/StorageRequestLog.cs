using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using IptTriage.AzureQueues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.Hosting.Tests.Intake;

/// <summary>Watches the real requests the listener makes to Azurite, so a test knows when a message was settled (a
/// message being handled is invisible, so the queue alone cannot tell).</summary>
public sealed class StorageRequestLog
{
    private readonly ConcurrentQueue<(RequestMethod Method, string Path, int Status)> requests = new();

    /// <summary>Replaces the registered queue client with the same one for <paramref name="connectionString"/>, plus a
    /// recording step in its pipeline.</summary>
    public void AttachTo(IServiceCollection services, string connectionString) =>
        services.AddSingleton(QueueConnection.FromConnectionString(connectionString).CreateClient(
            NullLogger.Instance, options => options.AddPolicy(new Recorder(requests), HttpPipelinePosition.PerRetry)));

    public bool Deleted(string queueName, string messageId) => requests.Any(request =>
        request.Method == RequestMethod.Delete && request.Path.EndsWith($"/{queueName}/messages/{messageId}", StringComparison.Ordinal)
        && request.Status == 204);

    public int VisibilityUpdates(string queueName) => requests.Count(request =>
        request.Method == RequestMethod.Put && request.Path.Contains($"/{queueName}/messages/", StringComparison.Ordinal));

    private sealed class Recorder(ConcurrentQueue<(RequestMethod, string, int)> requests) : HttpPipelineSynchronousPolicy
    {
        public override void OnReceivedResponse(HttpMessage message) =>
            requests.Enqueue((message.Request.Method, message.Request.Uri.Path, message.Response.Status));
    }
}
