using System.Collections.Concurrent;
using IptTriage.AzureQueues;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Tests.Intake;

/// <summary>Watches the real requests the listener makes to Azurite, so a test knows when a message was settled (a
/// message being handled is invisible, so the queue alone cannot tell).</summary>
public sealed class StorageRequestLog
{
    private readonly ConcurrentQueue<(HttpMethod Method, string Path, int Status)> requests = new();

    public void AttachTo(IServiceCollection services) =>
        services.AddHttpClient<StorageQueueService>().AddHttpMessageHandler(() => new Recorder(requests));

    public bool Deleted(string queueName, string messageId) => requests.Any(request =>
        request.Method == HttpMethod.Delete && request.Path.EndsWith($"/{queueName}/messages/{messageId}", StringComparison.Ordinal)
        && request.Status == 204);

    public int VisibilityUpdates(string queueName) => requests.Count(request =>
        request.Method == HttpMethod.Put && request.Path.Contains($"/{queueName}/messages/", StringComparison.Ordinal));

    private sealed class Recorder(ConcurrentQueue<(HttpMethod, string, int)> requests) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            requests.Enqueue((request.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode));
            return response;
        }
    }
}
