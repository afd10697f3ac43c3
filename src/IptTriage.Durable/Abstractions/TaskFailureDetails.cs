namespace IptTriage.Durable;

/// <summary>Why a task or orchestration failed, as in Microsoft.DurableTask.</summary>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>True when the failure (not its inner failures) was caused by an exception of type <typeparamref name="T"/> or a subtype.</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        for (var type = Type.GetType(ErrorType, throwOnError: false); type is not null; type = type.BaseType)
        {
            if (type == typeof(T))
            {
                return true;
            }
        }

        return ErrorType == typeof(T).FullName;
    }

    public static TaskFailureDetails FromException(Exception exception) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        exception.Message,
        exception.StackTrace,
        exception switch
        {
            TaskFailedException failed => failed.FailureDetails,
            { InnerException: { } inner } => FromException(inner),
            _ => null,
        });

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
