using System.Net;
using System.Net.Http.Headers;
using IptTriage.Email.Retry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IptTriage.Email.SendGrid;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c>. Retries 429, 5xx, timeouts and connection failures with
/// exponential backoff (or the server's advised wait); everything else is a permanent failure at once.
/// </summary>
public sealed partial class SendGridEmailSender(
    HttpClient httpClient,
    IOptions<SendGridOptions> options,
    TimeProvider timeProvider,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    private const string MailSendPath = "v3/mail/send";

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tags = LogTags.Of(message);
        var from = message.From ?? new EmailAddress(settings.FromAddress, settings.FromName);
        if (EmailMessageValidator.FindError(message, from) is { } error)
        {
            LogInvalid(tags, error);
            return EmailMessageValidator.Rejection(error);
        }

        var body = MailSendRequest.For(message, from).ToUtf8Json();
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(body, settings.ApiKey ?? "", cancellationToken);
            switch (outcome.Kind)
            {
                case AttemptKind.Sent:
                    LogSent(tags, attempt);
                    return EmailSendResult.Sent(outcome.MessageId, attempt);
                case AttemptKind.Permanent:
                    LogPermanent(tags, outcome.StatusCode, outcome.Reason);
                    return EmailSendResult.Permanent(outcome.StatusCode, outcome.Reason, attempt);
                case AttemptKind.Transient when attempt >= settings.MaxAttempts:
                    LogExhausted(tags, attempt, outcome.StatusCode, outcome.Reason);
                    return EmailSendResult.Exhausted(outcome.StatusCode, outcome.Reason, attempt);
            }

            var delay = outcome.AdvisedDelay
                ?? RetryDelays.Backoff(attempt, settings.FirstRetryDelay, settings.MaxRetryDelay, Random.Shared);
            delay = delay > settings.MaxRetryDelay ? settings.MaxRetryDelay : delay;
            LogRetrying(tags, attempt, outcome.StatusCode, outcome.Reason, delay);
            await Task.Delay(delay, timeProvider, cancellationToken);
        }
    }

    private async Task<Attempt> AttemptAsync(byte[] body, string apiKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, MailSendPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken);
            return await ClassifyAsync(response, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Attempt.Transient(null, "SendGrid did not answer within the timeout", advisedDelay: null);
        }
        catch (HttpRequestException exception)
        {
            return Attempt.Transient(null, $"could not reach SendGrid ({exception.HttpRequestError})", advisedDelay: null);
        }
    }

    private async Task<Attempt> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            return new Attempt(AttemptKind.Sent, status, "", messageId, null);
        }

        var reason = SendGridErrorReason.Describe(status, await response.Content.ReadAsStringAsync(cancellationToken));
        return IsTransient(response.StatusCode)
            ? Attempt.Transient(status, reason, RetryDelays.Advised(response.Headers, timeProvider.GetUtcNow()))
            : new Attempt(AttemptKind.Permanent, status, reason, null, null);
    }

    // 501 and 505 say the request can never work; the rest of 5xx, 429 and 408 may pass on a later attempt.
    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
        || ((int)status >= 500 && status is not (HttpStatusCode.NotImplemented or HttpStatusCode.HttpVersionNotSupported));

    private enum AttemptKind { Sent, Permanent, Transient }

    private sealed record Attempt(
        AttemptKind Kind, int? StatusCode, string Reason, string? MessageId, TimeSpan? AdvisedDelay)
    {
        public static Attempt Transient(int? statusCode, string reason, TimeSpan? advisedDelay) =>
            new(AttemptKind.Transient, statusCode, reason, null, advisedDelay);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email sent via SendGrid ({Tags}) after {Attempts} attempt(s)")]
    private partial void LogSent(string tags, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not sent, message invalid ({Tags}): {Error}")]
    private partial void LogInvalid(string tags, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email refused by SendGrid ({Tags}), status {Status}: {Reason}")]
    private partial void LogPermanent(string tags, int? status, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "SendGrid attempt {Attempt} failed ({Tags}), status {Status}: {Reason}; retrying in {Delay}")]
    private partial void LogRetrying(string tags, int attempt, int? status, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Email not sent ({Tags}): {Attempts} attempts failed, last status {Status}: {Reason}")]
    private partial void LogExhausted(string tags, int attempts, int? status, string reason);
}
