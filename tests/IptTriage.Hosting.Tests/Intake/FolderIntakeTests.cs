using IptTriage.Hosting.Intake;
using IptTriage.Workflow.Records;

namespace IptTriage.Hosting.Tests.Intake;

public sealed class FolderIntakeTests : IDisposable
{
    private const string ValidSample = "0101-ipt-grief-spanish-speaking-widow.json";
    private const string ValidSampleId = "SMP-0101";

    private readonly string dataDirectory = Directory.CreateTempSubdirectory("iptriage-folder-").FullName;
    private readonly string watched = Directory.CreateTempSubdirectory("iptriage-watched-").FullName;

    private string Processed(string name) => Path.Combine(watched, FolderIntakeService.ProcessedFolderName, name);

    private string Invalid(string name) => Path.Combine(watched, FolderIntakeService.InvalidFolderName, name);

    private Task<IntakeHost> StartHostAsync() => IntakeHost.StartAsync(dataDirectory, new()
    {
        ["Intake:WatchFolder"] = watched,
        ["Intake:FolderPollInterval"] = "00:00:00.050",
    });

    private static Task WaitForFileAsync(string path) =>
        IntakeHost.WaitUntilAsync(() => Task.FromResult<object?>(File.Exists(path) ? true : null));

    [Fact]
    public async Task Dropped_files_are_taken_in_and_moved_by_outcome_while_a_half_written_tmp_file_waits_for_its_rename()
    {
        await using var host = await StartHostAsync();
        await File.WriteAllBytesAsync(Path.Combine(watched, "valid.json"), IntakeHost.Sample(ValidSample));
        await File.WriteAllBytesAsync(Path.Combine(watched, "broken.json"), IntakeHost.Sample(Path.Combine("invalid", "broken-json.json")));
        var halfWritten = Path.Combine(watched, "later.tmp");
        var laterForm = IntakeHost.Sample("0108-ipt-late-life-retirement-role-transition.json");
        await File.WriteAllBytesAsync(halfWritten, laterForm[..(laterForm.Length / 2)]);

        await WaitForFileAsync(Processed("valid.json"));
        var unreadable = (await IntakeHost.WaitUntilAsync(async () => (await host.Records.ListAsync(ReferralStatus.Invalid)).SingleOrDefault())).ReferralId;
        await WaitForFileAsync(Invalid(unreadable + ".json"));

        File.Exists(halfWritten).Should().BeTrue("a .tmp file is still being written");
        Directory.GetFiles(watched).Should().Equal(halfWritten);
        await host.WaitForStatusAsync(ValidSampleId, ReferralStatus.AwaitingClinic);
        unreadable.Should().MatchRegex("^folder-[0-9a-f]{32}$", "an unreadable form is never named by its file, whose name its writer chose");
        // The invalid form's orchestration sends the alert after recording the form invalid.
        (await IntakeHost.WaitUntilAsync(async () => (await host.Records.ListNotificationsAsync(unreadable)).SingleOrDefault())).Kind
            .Should().Be("coordinator-invalid-form");
        File.ReadAllBytes(Invalid(unreadable + ".json")).Should().Equal(IntakeHost.Sample(Path.Combine("invalid", "broken-json.json")),
            "the invalid file is filed under the referral id the coordinators are alerted about");

        await File.WriteAllBytesAsync(halfWritten, laterForm);
        File.Move(halfWritten, Path.Combine(watched, "later.json"));

        await WaitForFileAsync(Processed("later.json"));
        (await host.Records.ListAsync(ReferralStatus.Invalid)).Should().ContainSingle();
        (await host.OrchestrationCountAsync()).Should().Be(3, "one per form: the two valid ones and the unreadable one");
    }

    [Fact]
    public async Task After_a_restart_processed_files_stay_put_and_a_form_taken_in_again_is_not_started_twice()
    {
        await using (var first = await StartHostAsync())
        {
            await File.WriteAllBytesAsync(Path.Combine(watched, "first.json"), IntakeHost.Sample(ValidSample));
            await WaitForFileAsync(Processed("first.json"));
            await first.WaitForStatusAsync(ValidSampleId, ReferralStatus.AwaitingClinic);
        }

        await using var second = await StartHostAsync();
        // As if the process had stopped after taking this file in but before moving it: it is still in the folder.
        await File.WriteAllBytesAsync(Path.Combine(watched, "first.json"), IntakeHost.Sample(ValidSample));
        await WaitForFileAsync(Processed("first.1.json"));

        File.Exists(Processed("first.json")).Should().BeTrue("the earlier file is kept, not overwritten");
        (await second.OrchestrationCountAsync()).Should().Be(1);
        (await second.Records.ReadAuditAsync(ValidSampleId)).Count(entry => entry.Step == AuditStep.Screened).Should().Be(1);
        Directory.GetFiles(Path.Combine(watched, FolderIntakeService.ProcessedFolderName)).Should().HaveCount(2);
    }

    public void Dispose()
    {
        Directory.Delete(dataDirectory, recursive: true);
        Directory.Delete(watched, recursive: true);
    }
}
