using System.Diagnostics;
using System.Threading.Channels;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using IptTriage.Fhir.Validation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Api.Fhir;

/// <summary>How FHIR referrals are checked against the R4 core profiles (<c>Fhir:ProfileValidation</c>, docs/fhir.md):
/// <c>off</c> (the default) or <c>background</c>.</summary>
public sealed class FhirOptions
{
    public const string SectionName = "Fhir";

    public string? ProfileValidation { get; set; } = "off";

    public bool ProfileValidationInBackground => (string.IsNullOrWhiteSpace(ProfileValidation) ? "off" : ProfileValidation).Trim().ToLowerInvariant() switch
    {
        "off" => false,
        "background" => true,
        var other => throw new InvalidOperationException($"Fhir:ProfileValidation is '{other}': it is off or background"),
    };
}

/// <summary>The FHIR referrals taken in, waiting for profile validation off the request path: a bounded queue, so a
/// burst of submissions never waits for the validator (hundreds of milliseconds a Bundle under load,
/// docs/performance.md); what does not fit is counted and left unvalidated, never refused.</summary>
public sealed class FhirProfileChecks(FhirOptions options)
{
    private const int Capacity = 1024;

    private readonly Channel<(string ReferralId, byte[] Payload)> queue =
        Channel.CreateBounded<(string, byte[])>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long skipped;

    public bool Enabled { get; } = options.ProfileValidationInBackground;

    /// <summary>Submissions not validated because the queue was full.</summary>
    public long Skipped => Interlocked.Read(ref skipped);

    public void Enqueue(string referralId, byte[] payload)
    {
        if (Enabled && !queue.Writer.TryWrite((referralId, payload))) Interlocked.Increment(ref skipped);
    }

    internal ChannelReader<(string ReferralId, byte[] Payload)> Pending => queue.Reader;
}

/// <summary>With <c>Fhir:ProfileValidation=background</c>: warms Firely's profile validator once the host has started
/// (seconds: the R4 specification is unpacked and the schemas compiled) without holding start-up up, then validates
/// each accepted FHIR payload from <see cref="FhirProfileChecks"/>. It logs counts and the time taken, never the
/// payload or the validator's messages, which may quote it.</summary>
public sealed partial class FhirProfileValidationService(FhirProfileChecks checks, ILogger<FhirProfileValidationService> logger) : BackgroundService
{
    private static readonly FhirJsonDeserializer Deserializer = new();

    protected override async System.Threading.Tasks.Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var validation = new FhirProfileValidation();
        var clock = Stopwatch.StartNew();
        // On the thread pool: ExecuteAsync runs on the host's start-up path until its first real await.
        await System.Threading.Tasks.Task.Run(validation.Warm, stoppingToken);
        Ready(logger, clock.Elapsed.TotalSeconds);

        await foreach (var (referralId, payload) in checks.Pending.ReadAllAsync(stoppingToken))
        {
            clock.Restart();
            try
            {
                var resource = Deserializer.DeserializeResource(System.Text.Encoding.UTF8.GetString(payload));
                var outcome = validation.Validate(resource);
                Validated(logger, referralId, outcome.Errors, outcome.Warnings, clock.Elapsed.TotalMilliseconds);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // The type only: an SDK message may quote the content.
                Failed(logger, referralId, failure.GetType().Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR profile validation ready after {Seconds:F1} s")]
    private static partial void Ready(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "FHIR profile validation of referral {ReferralId}: {Errors} errors, {Warnings} warnings, {Milliseconds:F0} ms")]
    private static partial void Validated(ILogger logger, string referralId, int errors, int warnings, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "FHIR profile validation of referral {ReferralId} failed: {Failure}")]
    private static partial void Failed(ILogger logger, string referralId, string failure);
}
