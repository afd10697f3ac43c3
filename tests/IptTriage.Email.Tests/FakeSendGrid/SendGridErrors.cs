using System.Text.Json;

namespace IptTriage.Email.Tests.FakeSendGrid;

/// <summary>The v3 error body shape: <c>{"errors":[{"message","field","help"}]}</c>.</summary>
internal static class SendGridErrors
{
    public static string Json(params (string Message, string? Field)[] errors) =>
        JsonSerializer.Serialize(new
        {
            errors = errors.Select(error => new { message = error.Message, field = error.Field, help = (string?)null }),
        });
}
