using IptTriage.Cli.Tests.Support;
using IptTriage.Workflow.Records;

namespace IptTriage.Cli.Tests.Run;

/// <summary><c>iptriage run</c> without simulated people: referrals go as far as the workflow can take them alone.</summary>
[Collection(RunCollection.Name)]
public sealed class RealClockRunTests : IDisposable
{
    private const string Grief = "0101-ipt-grief-spanish-speaking-widow.json";
    private const string Review = "0301-review-risk-cssrs-moderate-method.json";

    private static readonly ReferralStatus[] WaitingOnPeople =
        [ReferralStatus.Emergency, ReferralStatus.AwaitingReview, ReferralStatus.AwaitingClinic, ReferralStatus.Unplaced];

    private readonly TempDirectory temp = new();

    private string Data => Path.Combine(temp.Path, "data");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Without_a_path_the_bundled_samples_stop_where_they_wait_on_people()
    {
        var run = RunOutput.Run(Data);

        run.Result.ExitCode.Should().Be(ExitCodes.Success, run.Result.Stderr);
        var ids = SampleFiles.ValidFormNames.Select(SampleFiles.ReferralIdOf).ToList();
        run.Summary.Keys.Should().Equal(ids);
        foreach (var id in ids)
        {
            var record = await run.RecordAsync(id);
            record!.Status.Should().BeOneOf(WaitingOnPeople, id);
            run.Summary[id].Status.Should().Be(Triage.WireCode.Of(record.Status), id);
        }
        run.Summary["SMP-0201"].Status.Should().Be("emergency");
        run.Summary["SMP-0301"].Status.Should().Be("awaiting-review");
        // Which of the 37 routed-at-once referrals wins a clinic's last slot depends on the machine's speed; that the
        // case was offered where there was room, or found none, and that no clinic holds more than it can, does not.
        run.Summary["SMP-0101"].Status.Should().BeOneOf("awaiting-clinic", "unplaced");
        var offered = run.Summary.Values.Where(row => row.Status == "awaiting-clinic").ToList();
        offered.Should().NotBeEmpty().And.OnlyContain(row => row.Clinic != "-");
        foreach (var (clinic, cases) in offered.CountBy(row => row.Clinic))
            cases.Should().BeLessThanOrEqualTo(ClinicCapacities[clinic], $"clinic {clinic} holds at most its capacity");
        run.Result.Stdout.Should().Contain("wait on a person").And.Contain("--simulate-responses");
    }

    private static readonly IReadOnlyDictionary<string, int> ClinicCapacities = LoadCapacities();

    private static Dictionary<string, int> LoadCapacities()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "samples", "clinics.json");
        using var file = File.OpenRead(path);
        return Workflow.Clinics.ClinicDirectory.Load(file, path).Clinics.ToDictionary(clinic => clinic.Id, clinic => clinic.Capacity);
    }

    [Fact]
    public void Redirected_output_is_plain_text_without_escape_codes()
    {
        var run = RunOutput.Run(Data, SampleFiles.Valid(Grief), SampleFiles.Valid(Review));

        run.Result.ExitCode.Should().Be(ExitCodes.Success, run.Result.Stderr);
        run.Result.Stdout.Should().NotContain("\u001b");
        run.Result.Stdout.Should().Contain("2 taken in");
        run.Result.Stderr.Should().BeEmpty();
    }

    [Fact]
    public async Task An_invalid_form_exits_1_and_is_listed_as_invalid_beside_the_valid_ones()
    {
        var run = RunOutput.Run(Data, SampleFiles.Valid(Grief), SampleFiles.Invalid("broken-json.json"));

        run.Result.ExitCode.Should().Be(ExitCodes.InvalidForms, run.Result.Stderr);
        run.Summary.Keys.Should().Equal("SMP-0101", "broken-json.json");
        run.Summary["broken-json.json"].Should().Be(new SummaryRow("broken-json.json", "invalid", "-", "-", 1));
        (await run.RecordAsync("broken-json.json"))!.Status.Should().Be(ReferralStatus.Invalid);
        run.Summary["SMP-0101"].Status.Should().Be("awaiting-clinic");
    }

    [Fact]
    public async Task Running_again_on_the_same_data_says_the_referrals_exist_and_changes_nothing()
    {
        var first = RunOutput.Run(Data, SampleFiles.Valid(Grief), SampleFiles.Valid(Review));
        var firstRecords = new[] { await first.RecordAsync("SMP-0101"), await first.RecordAsync("SMP-0301") };
        var firstAudit = await first.AuditAsync("SMP-0101");

        var second = RunOutput.Run(Data, SampleFiles.Valid(Grief), SampleFiles.Valid(Review));

        second.Result.ExitCode.Should().Be(ExitCodes.Success, second.Result.Stderr);
        first.Result.Stdout.Should().NotContain("already");
        second.Result.Stdout.Should().Contain("2 of these referrals were already in").And.Contain("--fresh starts over");
        second.Summary.Should().BeEquivalentTo(first.Summary);
        new[] { await second.RecordAsync("SMP-0101"), await second.RecordAsync("SMP-0301") }.Should().BeEquivalentTo(firstRecords);
        (await second.AuditAsync("SMP-0101")).Should().BeEquivalentTo(firstAudit, options => options.WithStrictOrdering());
        second.OutboxFiles.Should().BeEquivalentTo(first.OutboxFiles);
    }

    [Fact]
    public void Fresh_starts_over()
    {
        RunOutput.Run(Data, SampleFiles.Valid(Grief));

        var again = RunOutput.Run(Data, "--fresh", SampleFiles.Valid(Review));

        again.Result.ExitCode.Should().Be(ExitCodes.Success, again.Result.Stderr);
        again.Result.Stdout.Should().NotContain("already");
        again.Summary.Keys.Should().Equal("SMP-0301");
        again.OutboxFiles.Should().HaveCount(again.Summary["SMP-0301"].Emails);
    }

    [Fact]
    public void Fresh_refuses_a_folder_holding_files_iptriage_did_not_write_and_deletes_nothing()
    {
        var precious = temp.Write("thesis.docx", "years of work");

        var run = RunOutput.Run(temp.Path, "--fresh", SampleFiles.Valid(Grief));

        run.Result.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Result.Stderr.Should().Contain("thesis.docx").And.Contain("--fresh");
        run.Result.Stdout.Should().BeEmpty();
        File.Exists(precious).Should().BeTrue();
    }

    [Fact]
    public void A_missing_path_is_a_usage_error_before_anything_starts()
    {
        var run = RunOutput.Run(Data, "no/such/forms");

        run.Result.ExitCode.Should().Be(ExitCodes.UsageError);
        run.Result.Stderr.Should().Contain("no/such/forms");
        Directory.Exists(Data).Should().BeFalse();
    }
}
