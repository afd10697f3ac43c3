using System.Net;
using IptTriage.Email.Retry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace IptTriage.Email.SendGrid;

/// <summary>
/// Sends through SendGrid's v3 <c>mail/send</c> with the SendGrid SDK's <see cref="SendGridClient"/> over an
/// <see cref="IHttpClientFactory"/> client. Retries 429, 408, 5xx, timeouts and connection failures with exponential
/// backoff (or the server's advised wait), which the SDK does not: its own retries cover neither 429 nor
/// <c>Retry-After</c>, and it leaves a client it is given alone. Everything else is a permanent failure at once.
/// Everything timed here is about the real SendGrid, so it all runs on <paramref name="wallClock"/>, the keyed
/// <see cref="WallClockKey"/> clock: each attempt's bound (<see cref="SendGridOptions.Timeout"/>), the waits between
/// attempts, and the "now" a <c>Retry-After</c> date is read against. That is wall-clock time
/// (<see cref="TimeProvider.System"/>) unless replaced, never the app's own <see cref="TimeProvider"/>, which a
/// simulation may speed up; tests move it by hand.
/// </summary>
public sealed partial class SendGridEmailSender(
    HttpClient httpClient,
    IOptions<SendGridOptions> options,
    [FromKeyedServices(SendGridEmailSender.WallClockKey)] TimeProvider wallClock,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    /// <summary>
    /// The service key of the <see cref="TimeProvider"/> the per-attempt timeouts and the waits between attempts run
    /// on (the SendGrid wall clock).
    /// </summary>
    public const string WallClockKey = "IptTriage.Email.SendGrid.WallClock";

    private readonly SendGridClient client = new(httpClient, new SendGridClientOptions
    {
        ApiKey = options.Value.ApiKey,
        Host = options.Value.Host,
        // Its exceptions quote SendGrid's error body, which may echo an address; we read the status instead.
        HttpErrorAsException = false,
    });

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

        var mail = SendGridMessages.For(message, from);
        var personalValues = SendGridErrorReason.PersonalValues(message, from);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(mail, personalValues, settings.Timeout, cancellationToken);
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
            await Task.Delay(delay, wallClock, cancellationToken);
        }
    }

    private async Task<Attempt> AttemptAsync(
        SendGridMessage mail, IReadOnlyList<string> personalValues, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Armed before the request leaves, so a request the server has seen is already bounded.
        using var timedOut = new CancellationTokenSource(timeout, wallClock);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timedOut.Token);
        try
        {
            var response = await client.SendEmailAsync(mail, attempt.Token);
            // The SDK hands over the response's content undisposed.
            using var content = response.Body;
            return await ClassifyAsync(response, personalValues, attempt.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // This attempt's timeout, or the HttpClient's backstop: retried like a dropped connection. The caller's own
            // cancellation is thrown instead.
            return Attempt.Transient(null, "SendGrid did not answer within the timeout", advisedDelay: null);
        }
        catch (HttpRequestException exception)
        {
            return Attempt.Transient(null, $"could not reach SendGrid ({exception.HttpRequestError})", advisedDelay: null);
        }
    }

    private async Task<Attempt> ClassifyAsync(
        Response response, IReadOnlyList<string> personalValues, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var messageId = response.Headers.TryGetValues("X-Message-Id", out var ids) ? ids.FirstOrDefault() : null;
            return new Attempt(AttemptKind.Sent, status, "", messageId, null);
        }

        var reason = SendGridErrorReason.Describe(
            status, await response.Body.ReadAsStringAsync(cancellationToken), personalValues);
        return IsTransient(response.StatusCode)
            ? Attempt.Transient(status, reason, RetryDelays.Advised(response.Headers, wallClock.GetUtcNow()))
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
