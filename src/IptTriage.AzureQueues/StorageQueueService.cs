using System.Globalization;
using System.Net.Http.Headers;
using IptTriage.AzureQueues.Protocol;

namespace IptTriage.AzureQueues;

/// <summary>
/// The Queue service of one storage account over REST, Shared Key authorized. Hand out queues with
/// <see cref="GetQueue"/>; this class carries the requests.
/// </summary>
public sealed class StorageQueueService(HttpClient httpClient, QueueStorageAccount account, TimeProvider timeProvider)
{
    /// <summary>The REST API version we speak; Azurite 3.35 serves it.</summary>
    public const string ApiVersion = "2021-12-02";

    public QueueStorageAccount Account => account;

    /// <summary>A queue by name; throws <see cref="ArgumentException"/> when the name breaks Azure's naming rules.</summary>
    public StorageQueue GetQueue(string name) => new(this, QueueNames.Validated(name));

    internal async Task<string> SendAsync(QueueRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, RequestUri(request));
        message.Headers.Add("x-ms-date", timeProvider.GetUtcNow().ToString("R", CultureInfo.InvariantCulture));
        message.Headers.Add("x-ms-version", ApiVersion);
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml") { CharSet = "utf-8" };
        }

        SharedKeySignature.Sign(message, account);
        using var response = await httpClient.SendAsync(message, cancellationToken);
        var responseBody = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var errorCode = response.Headers.TryGetValues("x-ms-error-code", out var codes)
                ? codes.FirstOrDefault()
                : QueueXml.ErrorCode(responseBody);
            throw new QueueStorageException(request.Operation, request.QueueName, (int)response.StatusCode, errorCode);
        }

        return request.ResponseHeader is { } header
            ? response.Headers.TryGetValues(header, out var values) ? values.First() : ""
            : responseBody;
    }

    private Uri RequestUri(QueueRequest request)
    {
        var path = $"{account.QueueEndpoint.AbsolutePath.TrimEnd('/')}/{request.QueueName}{request.SubPath}";
        var query = string.Join("&", request.Query.Select(parameter =>
            $"{Uri.EscapeDataString(parameter.Name)}={Uri.EscapeDataString(parameter.Value)}"));
        return new UriBuilder(account.QueueEndpoint) { Path = path, Query = query }.Uri;
    }
}
