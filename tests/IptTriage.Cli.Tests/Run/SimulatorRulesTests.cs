using IptTriage.Cli.Tests.Support;
using IptTriage.Workflow.Records;

namespace IptTriage.Cli.Tests.Run;

/// <summary>The simulator's rules on a handful of forms, where every clinic has room, so each outcome is exact.</summary>
[Collection(RunCollection.Name)]
public sealed class SimulatorRulesTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_fourth_referral_taken_in_declined_by_its_first_clinic_is_placed_with_its_second()
    {
        string[] forms =
        [
            "0101-ipt-grief-spanish-speaking-widow.json",
            "0201-crisis-services-cssrs-intent-no-share-consent.json",
            "0108-ipt-late-life-retirement-role-transition.json",
            "0301-review-risk-cssrs-moderate-method.json",
        ];

        var run = RunOutput.Run(Path.Combine(temp.Path, "data"), ["--simulate-responses", .. forms.Select(SampleFiles.Valid)]);

        run.Result.ExitCode.Should().Be(ExitCodes.Success, run.Result.Stderr);
        run.Summary.Keys.Should().Equal("SMP-0101", "SMP-0201", "SMP-0108", "SMP-0301");
        run.Summary.Values.Should().OnlyContain(row => row.Status == "discharged");
        run.Summary["SMP-0201"].Clinic.Should().Be("harbour-crisis");

        var audit = await run.AuditAsync("SMP-0301");
        var declined = audit.Single(entry => entry.Step == AuditStep.ClinicDeclined);
        var accepted = audit.Single(entry => entry.Step == AuditStep.ClinicAccepted);
        declined.Actor.Should().NotBe(accepted.Actor);
        accepted.Actor.Should().Be($"user:sim-{run.Summary["SMP-0301"].Clinic}");
        (await run.RecordAsync("SMP-0301"))!.Status.Should().Be(ReferralStatus.Discharged);
        audit.Select(entry => entry.Step).Should().NotContain(AuditStep.OfferedManually).And.EndWith(AuditStep.CareEnded);

        foreach (var other in new[] { "SMP-0101", "SMP-0201", "SMP-0108" })
        {
            (await run.AuditAsync(other)).Select(entry => entry.Step).Should().NotContain(AuditStep.ClinicDeclined, other);
        }
    }
}
