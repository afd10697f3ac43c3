// Shim of microsoft/durabletask-dotnet src/Abstractions/TaskFailedException.cs and src/Abstractions/TaskFailureDetails.cs
// (package Microsoft.DurableTask.Abstractions): what an orchestrator sees when an activity fails after its retries.
namespace Microsoft.DurableTask;

public record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure);

public class TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
    : Exception($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails.ErrorMessage}")
{
    public string TaskName { get; } = taskName;

    public int TaskId { get; } = taskId;

    public TaskFailureDetails FailureDetails { get; } = failureDetails;
}
