namespace IptTriage.AzureQueues;

/// <summary>
/// The queue service refused a request. Carries the HTTP status and the storage error code (for example
/// <c>QueueNotFound</c>, <c>AuthenticationFailed</c>); never message contents or keys.
/// </summary>
public sealed class QueueStorageException(string operation, string queueName, int status, string? errorCode)
    : Exception($"Azure Queue Storage: {operation} on queue '{queueName}' failed with {status} {errorCode ?? "(no error code)"}.")
{
    public string Operation { get; } = operation;

    public string QueueName { get; } = queueName;

    public int Status { get; } = status;

    public string? ErrorCode { get; } = errorCode;
}
