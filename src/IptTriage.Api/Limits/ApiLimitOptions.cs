namespace IptTriage.Api.Limits;

/// <summary>How much one caller may ask of the local API, per minute (<c>Api:Limits</c>). Past a limit the answer is
/// 429 with <c>Retry-After</c>. The client address is the connection's: behind a proxy every caller shares the
/// proxy's address, so raise the per-address limits there.</summary>
public sealed class ApiLimitOptions
{
    public const string SectionName = "Api:Limits";

    public int RequestsPerMinutePerKey { get; set; } = 600;

    public int RequestsPerMinutePerAddress { get; set; } = 1200;

    /// <summary>Unknown or missing keys from one address; past this, the address is refused everything, the right key
    /// included, until the minute is out, so keys cannot be guessed at speed.</summary>
    public int FailedAuthenticationsPerMinutePerAddress { get; set; } = 10;

    /// <summary>Forms whose <c>referralId</c> cannot be read, from one key: each would become a new invalid referral
    /// and a coordinator alert.</summary>
    public int UnreadableSubmissionsPerMinutePerKey { get; set; } = 10;

    /// <exception cref="InvalidOperationException">A limit is not a positive number.</exception>
    public ApiLimitOptions Validated()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(RequestsPerMinutePerKey), RequestsPerMinutePerKey), (nameof(RequestsPerMinutePerAddress), RequestsPerMinutePerAddress),
            (nameof(FailedAuthenticationsPerMinutePerAddress), FailedAuthenticationsPerMinutePerAddress),
            (nameof(UnreadableSubmissionsPerMinutePerKey), UnreadableSubmissionsPerMinutePerKey),
        })
        {
            if (value < 1) throw new InvalidOperationException($"{SectionName}:{name} must be a positive number of requests per minute.");
        }
        return this;
    }
}
