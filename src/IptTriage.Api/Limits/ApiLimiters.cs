using System.Globalization;
using System.Threading.RateLimiting;
using IptTriage.Api.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Api.Limits;

/// <summary>The API's rate limits (<see cref="ApiLimitOptions"/>), each a fixed one-minute window per partition:
/// every request per client address and per configured key, failed authentications per address, and submissions
/// whose referral id cannot be read per key.</summary>
public sealed class ApiLimiters(ApiLimitOptions limits) : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> failedAuthentications = PerMinute(limits.FailedAuthenticationsPerMinutePerAddress);
    private readonly PartitionedRateLimiter<string> unreadableSubmissions = PerMinute(limits.UnreadableSubmissionsPerMinutePerKey);

    /// <summary>Every request, per client address and, for a configured key, per key (ASP.NET Core's rate limiter).</summary>
    public static PartitionedRateLimiter<HttpContext> Requests(ApiLimitOptions limits) => PartitionedRateLimiter.CreateChained(
        PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(ClientAddress(context), limits.RequestsPerMinutePerAddress)),
        PartitionedRateLimiter.Create<HttpContext, string>(context => KeyId(context) is { } key
            ? Partition(key, limits.RequestsPerMinutePerKey)
            : RateLimitPartition.GetNoLimiter("")));

    /// <summary>Whether the address may still try a key: false once it has used up its failed authentications.</summary>
    public RateLimitLease CheckAuthenticationAllowed(HttpContext context) => failedAuthentications.AttemptAcquire(ClientAddress(context), 0);

    public void CountFailedAuthentication(HttpContext context) => failedAuthentications.AttemptAcquire(ClientAddress(context)).Dispose();

    /// <summary>Takes one of the caller's unreadable submissions for this minute; a lease that is not acquired means none is left.</summary>
    public RateLimitLease TakeUnreadableSubmission(HttpContext context) => unreadableSubmissions.AttemptAcquire(KeyId(context) ?? ClientAddress(context));

    /// <summary>The whole seconds until a refused lease's window opens again, for <c>Retry-After</c>.</summary>
    public static string RetryAfterSeconds(RateLimitLease lease) =>
        Math.Max(1, (int)Math.Ceiling((lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window).TotalSeconds))
            .ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        failedAuthentications.Dispose();
        unreadableSubmissions.Dispose();
    }

    private static PartitionedRateLimiter<string> PerMinute(int permits) =>
        PartitionedRateLimiter.Create<string, string>(partition => Partition(partition, permits));

    private static RateLimitPartition<string> Partition(string partition, int permits) => RateLimitPartition.GetFixedWindowLimiter(
        partition, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true });

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // The key's place in Api:Keys, never the key: a key nobody was given has no partition of its own, so guessing
    // cannot fill memory with partitions; the per-address limits bound it instead.
    private static string? KeyId(HttpContext context) =>
        context.Request.Headers[ApiKeyring.HeaderName].ToString() is { Length: > 0 } presented
            ? context.RequestServices.GetRequiredService<ApiKeyring>().IdOf(presented)
            : null;
}
