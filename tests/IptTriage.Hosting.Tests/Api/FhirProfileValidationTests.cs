using System.Net;
using System.Text;
using IptTriage.Api.Fhir;
using IptTriage.Fhir;
using IptTriage.Fhir.Forms;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Testing;
using IptTriage.Triage.Intake;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Profile validation off the request path (<c>Fhir:ProfileValidation</c>, docs/fhir.md): off by default;
/// with <c>background</c> the host starts and takes referrals in before the validator is ready, then validates each
/// accepted payload and logs only counts.</summary>
public sealed class FhirProfileValidationTests
{
    [Fact]
    public async Task In_the_background_an_accepted_bundle_is_validated_after_its_answer_and_only_counts_are_logged()
    {
        var logs = new CapturedLogs();
        await using var host = await ApiHost.StartAsync(
            new() { ["Fhir:ProfileValidation"] = "background" },
            services => services.AddSingleton<ILoggerProvider>(logs));
        host.Services.GetServices<IHostedService>().OfType<FhirProfileValidationService>().Should().ContainSingle();
        var form = IntakeParser.Parse(Encoding.UTF8.GetBytes(Samples.Read(Samples.Routed).ToJsonString())).Form!;

        using var client = host.Client(ApiHost.IntakeKey);
        var content = new ByteArrayContent(FhirJson.ToUtf8(FhirReferralWriter.ToBundle(form)));
        content.Headers.ContentType = new("application/fhir+json");
        (await client.PostAsync("/fhir/Bundle", content)).StatusCode.Should().Be(HttpStatusCode.Accepted);

        // Warming takes seconds (tens on a loaded machine): generous, and awaited, not slept for.
        var validated = $"FHIR profile validation of referral {form.ReferralId}: 0 errors";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        while (!logs.Lines.Any(line => line.Contains(validated, StringComparison.Ordinal)))
            await Task.Delay(200, timeout.Token);

        logs.Lines.Should().Contain(line => line.Contains("FHIR profile validation ready after", StringComparison.Ordinal));
        var validation = string.Join('\n', logs.Lines.Where(line => line.Contains("FHIR profile validation", StringComparison.Ordinal)));
        foreach (var personal in new[] { form.Client.GivenName, form.Client.FamilyName, form.Client.DateOfBirth.ToString("yyyy-MM-dd") })
            validation.Should().NotContain(personal);
    }

    [Fact]
    public async Task Off_by_default_no_validator_runs_and_an_unknown_setting_is_refused_by_name()
    {
        await using (var host = await ApiHost.StartAsync())
        {
            host.Services.GetRequiredService<FhirProfileChecks>().Enabled.Should().BeFalse();
            host.Services.GetServices<IHostedService>().OfType<FhirProfileValidationService>().Should().BeEmpty();
        }

        var wrong = () => new FhirOptions { ProfileValidation = "sometimes" }.ProfileValidationInBackground;
        wrong.Should().Throw<InvalidOperationException>().WithMessage("*Fhir:ProfileValidation*off or background*");
    }
}
