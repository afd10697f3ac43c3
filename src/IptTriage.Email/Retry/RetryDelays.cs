using System.Net.Http.Headers;

namespace IptTriage.Email.Retry;

/// <summary>How long to wait before the next attempt.</summary>
internal static class RetryDelays
{
    /// <summary>
    /// Exponential backoff with "equal jitter": half the exponential step is fixed, the other half random, so
    /// senders that failed together do not retry together.
    /// </summary>
    public static TimeSpan Backoff(int failedAttempts, TimeSpan first, TimeSpan max, Random random)
    {
        var exponent = Math.Min(failedAttempts - 1, 30);
        var step = Math.Min(first.TotalMilliseconds * Math.Pow(2, exponent), max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(step / 2 + random.NextDouble() * step / 2);
    }

    /// <summary>
    /// The wait the server advised: standard <c>Retry-After</c> (seconds or HTTP date), else SendGrid's
    /// <c>X-RateLimit-Reset</c> (Unix epoch seconds). Null when there is no usable advice.
    /// </summary>
    public static TimeSpan? Advised(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            var advised = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
            if (advised is { } delay)
            {
                return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
            }
        }

        if (headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), out var epochSeconds))
        {
            var delay = DateTimeOffset.FromUnixTimeSeconds(epochSeconds) - now;
            return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
        }

        return null;
    }
}
