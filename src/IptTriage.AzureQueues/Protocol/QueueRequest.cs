namespace IptTriage.AzureQueues.Protocol;

/// <summary>
/// One REST call against a queue. <see cref="ResponseHeader"/>, when set, names the header whose value is the
/// result instead of the body.
/// </summary>
internal sealed record QueueRequest(
    string Operation,
    HttpMethod Method,
    string QueueName,
    string SubPath = "",
    IReadOnlyList<(string Name, string Value)>? QueryParameters = null,
    byte[]? Body = null,
    string? ResponseHeader = null)
{
    public IReadOnlyList<(string Name, string Value)> Query => QueryParameters ?? [];
}
