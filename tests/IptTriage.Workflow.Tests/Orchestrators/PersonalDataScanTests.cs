using System.Text;
using IptTriage.Testing;
using IptTriage.Triage.Intake;
using IptTriage.Workflow.Models;
using IptTriage.Workflow.Records;
using IptTriage.Workflow.Tests.Hosts;

namespace IptTriage.Workflow.Tests.Orchestrators;

/// <summary>A full run of every sample referral, with people answering, then a search of everything the system wrote
/// outside the record store — logs, orchestration history, every email — for each client's personal details. On the
/// embedded engine only: its 37 concurrent orchestrations are more than Microsoft's test host is meant to carry
/// (it stalls at about 100), and <see cref="IntakeScenarioTests"/> scans one referral's history on both hosts.</summary>
public sealed class PersonalDataScanTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "samples", "intake");

    [Fact]
    public async Task No_client_name_address_birth_date_or_summary_appears_in_logs_history_or_email()
    {
        var logs = new CapturedLogs();
        await using var workflow = await WorkflowHarness.StartAsync(WorkflowHost.Embedded, logs: logs);
        var forms = Directory.GetFiles(Samples, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        var clients = forms.Select(form => IntakeParser.Parse(form).Form!).ToList();

        foreach (var form in forms) await workflow.SubmitBytesAsync(form, "scan");
        foreach (var form in clients) await DriveToTheEndAsync(workflow, form.ReferralId);

        var written = new StringBuilder();
        foreach (var entry in logs.Lines) written.AppendLine(entry);
        foreach (var email in workflow.Email.Sent) written.AppendLine(email.Subject).AppendLine(email.Text).AppendLine(email.Html);
        written.AppendLine(await workflow.Host.StoredTextAsync());
        var everything = written.ToString();

        logs.Lines.Should().NotBeEmpty();
        workflow.Email.Sent.Should().HaveCountGreaterThan(clients.Count * 3);
        workflow.Email.Sent.Should().Contain(email => email.CustomArgs["kind"] == "referrer-case-closed");
        foreach (var form in clients)
        {
            var personal = new[] { form.Client.GivenName, form.Client.FamilyName, form.Client.DateOfBirth.ToString("yyyy-MM-dd"), form.Client.Email, form.Client.Phone, form.Presentation.Summary, form.Referrer.Name }
                .OfType<string>().Where(value => value.Length >= 3);
            foreach (var value in personal) everything.Should().NotContain(value, $"{form.ReferralId}'s details must stay in the record store");
        }
    }

    /// <summary>Answers as coordinators and clinics would until the referral's orchestration ends.</summary>
    private static async Task DriveToTheEndAsync(WorkflowHarness workflow, string referralId)
    {
        while (true)
        {
            var record = await workflow.WaitForAsync(referralId, r => r.Status is not (ReferralStatus.Received or ReferralStatus.Screened or ReferralStatus.Placing));
            if (record.Status is ReferralStatus.Closed or ReferralStatus.Discharged)
            {
                await workflow.CompletionAsync(referralId);
                return;
            }

            var (name, payload) = record.Status switch
            {
                ReferralStatus.Emergency => (WorkflowEvents.CrisisAcknowledged, (object)new CrisisAcknowledgement("coord-1")),
                // Every other review is closed instead, so the close notices are scanned too.
                ReferralStatus.AwaitingReview when referralId[^1] % 2 == 1 => (WorkflowEvents.CaseClosed, new CaseClosure(CloseReason.Other, "user:coord-1")),
                ReferralStatus.AwaitingReview => (WorkflowEvents.ReviewDecided, new ReviewDecision(ReviewChoice.Approve, "coord-1")),
                ReferralStatus.AwaitingClinic => (WorkflowEvents.ClinicResponded, new ClinicResponse(record.ClinicId!, Accept: true, By: "user:clinic-staff")),
                ReferralStatus.Unplaced => (WorkflowEvents.ManualPlacement, new ManualPlacementRequest("harbour-crisis", "coord-1", OverCapacityAllowed: true)),
                // Its slot freed, the next unplaced case that matches the clinic is offered it.
                ReferralStatus.Placed => (WorkflowEvents.CareEnded, new CareEnd(DischargeReason.Completed, "key:clinic-system")),
                _ => throw new InvalidOperationException($"{referralId} stopped at {record.Status}."),
            };
            await workflow.Client.RaiseEventAsync(referralId, name, payload);
            await workflow.WaitForAsync(referralId, r => r.Status != record.Status);
        }
    }
}
