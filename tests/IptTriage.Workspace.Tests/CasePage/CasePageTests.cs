using System.Net.Http.Json;
using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.CasePage;

/// <summary>The case page (docs/workspace.md, "The case page") over a real serve process (<see cref="CasePageFixture"/>):
/// each test submits its own referral, works it through the page as a person would, and checks the result on the page and in the API.</summary>
[Collection(CasePageCollection.Name)]
public sealed class CasePageTests(CasePageFixture workspace)
{
    private const string Review = "0301-review-risk-cssrs-moderate-method.json";
    private const string Emergency = "0201-crisis-services-cssrs-intent-no-share-consent.json";
    private const string NorthIpt = "0101-ipt-grief-spanish-speaking-widow.json";

    /// <summary>The workflow carries an action out after its 202, on a machine other tests share: generous waits.</summary>
    private static readonly LocatorAssertionsToContainTextOptions Soon = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToBeVisibleOptions Shown = new() { Timeout = 30_000 };

    private WorkspaceServer Server => workspace.Server;

    private CaseApi Api => new(workspace.Server);

    private async Task<IPage> OpenCaseAsync(string username, string referralId, int width = 1280)
    {
        var page = await workspace.SignedInPageAsync(username, width);
        await page.GotoAsync($"/cases/{referralId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Case {referralId}", Level = 1 })).ToBeVisibleAsync(Shown);
        return page;
    }

    private static ILocator Result(IPage page) => page.Locator("#case-result");

    private static ILocator Timeline(IPage page, string step) => page.Locator($"li.timeline-entry[data-step='{step}']");

    [Fact]
    public async Task A_review_overridden_with_a_reason_names_the_signed_in_coordinator_in_the_timeline_and_the_audit()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("alice", referralId);

        await Expect(page.Locator("ul.rules")).ToContainTextAsync("RV-RISK C-SSRS risk is moderate: yes to thoughts with method (Q3)");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "PHQ-9" })).ToContainTextAsync("Total: 13, severity: moderate, item 9: 1");
        await Expect(page.GetByText("Grace Holloway")).ToBeVisibleAsync();
        await Expect(page.Locator("#case-status-heading + dl")).ToContainTextAsync("Review due");
        await Expect(Timeline(page, "review-requested")).ToContainTextAsync("A review was asked for");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.ScreenshotAsync(page, "case-page");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Override: place for another pathway" }).CheckAsync();
        await page.GetByLabel("Pathway", new() { Exact = true }).SelectOptionAsync("alternative");
        await page.GetByLabel("Alternative service").SelectOptionAsync("cbt");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        const string reason = "Spoke with the GP: a safety plan is in place, and CBT suits her better.";
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync(reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await Expect(Result(page)).ToContainTextAsync("The review was overridden: Alternative: CBT. The case is now", Soon);
        await Expect(Timeline(page, "review-decided")).ToContainTextAsync("by alice (you)");
        await Expect(Timeline(page, "review-decided")).ToContainTextAsync("Decision: override");
        await Expect(Timeline(page, "review-reason")).ToContainTextAsync(reason);
        await Expect(page.GetByText("Routed now:")).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        var decided = (await Api.AuditAsync(referralId, "review-decided")).Should().ContainSingle().Subject;
        decided.GetProperty("actor").GetString().Should().Be("user:alice");
        decided.GetProperty("reviewChoice").GetString().Should().Be("override");
        decided.GetProperty("modality").GetString().Should().Be("cbt");
        (await Api.AuditAsync(referralId, "review-reason")).Single().GetProperty("detail").GetString().Should().Be(reason);
    }

    [Fact]
    public async Task An_unplaced_case_is_placed_by_hand_with_a_suggested_clinic_after_a_mismatch_is_refused_without_a_reason()
    {
        // The sample matches northbridge-ipt and lumen-telehealth; with lumen full, northbridge's decline leaves it
        // unplaced while northbridge still matches with room.
        var lumenCapacity = await Api.SetCapacityAsync("lumen-telehealth", 0);
        string referralId;
        try
        {
            referralId = await Server.SubmitSampleAsync(NorthIpt);
            await Server.WaitForStatusAsync(referralId, "awaiting-clinic");
            (await Api.ViewAsync(referralId)).GetProperty("clinicId").GetString().Should().Be("northbridge-ipt");
            await Api.DeclineAsAsync("nora", referralId);
            await Server.WaitForStatusAsync(referralId, "unplaced");

            var page = await OpenCaseAsync("alice", referralId);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Place the case by hand" })).ToBeVisibleAsync();
            var northbridge = page.GetByRole(AriaRole.Radio, new() { Name = "Northbridge Psychological Therapies" });
            await Expect(northbridge).ToBeVisibleAsync(Shown);
            var matching = await page.Locator(".clinic-choice input").EvaluateAllAsync<string[]>("inputs => inputs.map(input => input.value)");
            matching[0].Should().Be("northbridge-ipt", "a clinic that matches with room comes first");
            await Expect(page.Locator(".clinic-choice", new() { HasText = "Lumen Telehealth IPT" })).ToContainTextAsync("It has no free place.");
            await Expect(page.Locator(".clinic-choice", new() { HasText = "Harbour Crisis" })).ToContainTextAsync("It does not offer the case’s IPT pathway.");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await page.GetByRole(AriaRole.Radio, new() { Name = "Harbour Crisis and Home Treatment Team" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Offer the case to this clinic" }).ClickAsync();
            await Expect(page.Locator(".field-error")).ToHaveTextAsync("Reason for choosing a clinic that does not match is required");
            await Expect(page.GetByLabel("Reason for choosing a clinic that does not match")).ToHaveAttributeAsync("aria-invalid", "true");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await northbridge.CheckAsync();
            await Expect(page.GetByLabel("Reason for choosing a clinic that does not match")).ToBeHiddenAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Offer the case to this clinic" }).ClickAsync();

            await Expect(Result(page)).ToContainTextAsync("The case was offered to Northbridge Psychological Therapies. The case is now awaiting clinic.", Soon);
            await Expect(Timeline(page, "offered-manually")).ToContainTextAsync("by alice (you)");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
            var offer = (await Api.AuditAsync(referralId, "offered-manually")).Should().ContainSingle().Subject;
            offer.GetProperty("actor").GetString().Should().Be("user:alice");
            offer.GetProperty("clinicId").GetString().Should().Be("northbridge-ipt");
        }
        finally
        {
            await Api.SetCapacityAsync("lumen-telehealth", lumenCapacity);
        }
    }

    [Fact]
    public async Task The_crisis_team_notes_and_acknowledges_an_emergency_from_its_case_page_and_cannot_open_another_case()
    {
        var emergencyId = await Server.SubmitSampleAsync(Emergency);
        var reviewId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(emergencyId, "emergency");
        var page = await OpenCaseAsync("carol", emergencyId);

        await Expect(page.Locator("#case-status-heading + dl")).ToContainTextAsync("Next escalation");
        await Expect(page.Locator("ul.rules")).ToContainTextAsync("EX-ACUTE-RISK");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Decide the review" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Close the case" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Assignment" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download the referral as it was sent" })).ToHaveCountAsync(0);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await page.GetByLabel("New note").FillAsync("On my way to the client's home with the duty doctor.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("ol.notes li")).ToContainTextAsync("carol (you)", Soon);
        await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

        await Expect(Result(page)).ToContainTextAsync("The emergency was acknowledged. The case is now", Soon);
        await Expect(Timeline(page, "crisis-acknowledged")).ToContainTextAsync("by carol (you)");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acknowledge the emergency" })).ToHaveCountAsync(0);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        (await Api.AuditAsync(emergencyId, "crisis-acknowledged")).Single().GetProperty("actor").GetString().Should().Be("user:carol");

        await page.GotoAsync($"/cases/{reviewId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync(Shown);
        await Expect(page.GetByText("There is no such case, or it is not one you can see.")).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task Closing_with_the_reason_other_asks_for_a_note_beside_its_field_then_closes_the_case()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("alice", referralId);

        await page.GetByRole(AriaRole.Radio, new() { Name = "Other (say why in the note)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the case" }).ClickAsync();

        var note = page.GetByLabel("Note", new() { Exact = true });
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("note: is required");
        await Expect(page.Locator(".field-error")).ToHaveTextAsync("Note is required");
        await Expect(note).ToHaveAttributeAsync("aria-invalid", "true");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        (await Api.ViewAsync(referralId)).GetProperty("status").GetString().Should().Be("awaiting-review");

        await note.FillAsync("The client asked for the referral to be paused until the new year.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the case" }).ClickAsync();

        await Expect(Result(page)).ToContainTextAsync("The case was closed (other). The case is now closed.", Soon);
        await Expect(Timeline(page, "case-closed")).ToContainTextAsync("Reason: other");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Close the case" })).ToHaveCountAsync(0);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        (await Api.AuditAsync(referralId, "case-closed")).Single().GetProperty("closeReason").GetString().Should().Be("other");
        (await Api.AuditAsync(referralId, "close-note")).Single().GetProperty("actor").GetString().Should().Be("user:alice");
    }

    [Fact]
    public async Task A_coordinator_downloads_the_referral_as_it_was_sent_and_the_download_is_in_the_timeline()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("alice", referralId);

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "Download the referral as it was sent" }).ClickAsync());

        download.SuggestedFilename.Should().Be($"{referralId}.json");
        var sent = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        sent["referralId"]!.GetValue<string>().Should().Be(referralId);
        sent["client"]!["familyName"]!.GetValue<string>().Should().Be("Holloway");
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(Timeline(page, "source-read")).ToContainTextAsync("The referral as it was sent was downloaded by alice (you)", Soon);
    }

    [Fact]
    public async Task A_note_added_on_the_page_is_listed_with_its_author()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("alice", referralId);
        await Expect(page.GetByText("No notes yet.")).ToBeVisibleAsync();

        const string text = "Phoned the GP; she will call the client this afternoon.";
        await page.GetByLabel("New note").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();

        await Expect(Result(page)).ToContainTextAsync("The note was added.", Soon);
        var listed = page.Locator("ol.notes li");
        await Expect(listed).ToHaveCountAsync(1);
        await Expect(listed).ToContainTextAsync(text);
        await Expect(listed).ToContainTextAsync("alice (you)");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Notes" })).ToBeFocusedAsync();
        await Expect(Timeline(page, "case-note-added")).ToContainTextAsync("by alice (you)");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        var stored = (await Api.ViewAsync(referralId)).GetProperty("notes").EnumerateArray().Should().ContainSingle().Subject;
        stored.GetProperty("text").GetString().Should().Be(text);
        stored.GetProperty("author").GetString().Should().Be("user:alice");

        // The page does not read the case again by itself (each read is an audited read of the client panel): a note
        // written elsewhere shows once the person asks for it.
        using (var elsewhere = await Server.Coordinator.PostAsJsonAsync($"api/referrals/{referralId}/notes", new { text = "Written by the referral system." }))
            elsewhere.EnsureSuccessStatusCode();
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        await Expect(listed).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        await Expect(listed.Nth(1)).ToContainTextAsync("Written by the referral system.");
        await Expect(listed.Nth(1)).ToContainTextAsync("API key coordinator");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeFocusedAsync();
    }

    [Fact]
    public async Task A_case_is_assigned_to_me_then_to_nobody()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("alice", referralId);
        var assignment = page.Locator("#case-assignment-heading + p");
        await Expect(assignment).ToHaveTextAsync("Assigned to nobody.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" }).ClickAsync();

        await Expect(Result(page)).ToContainTextAsync("The case is assigned to you.", Soon);
        await Expect(assignment).ToHaveTextAsync("Assigned to alice (you).");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Assign to me" })).ToHaveCountAsync(0);
        await Expect(Timeline(page, "assigned")).ToContainTextAsync("To: alice (you)");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        (await Api.ViewAsync(referralId)).GetProperty("assignee").GetString().Should().Be("alice");

        await page.GetByRole(AriaRole.Button, new() { Name = "Unassign" }).ClickAsync();
        await Expect(assignment).ToHaveTextAsync("Assigned to nobody.", new() { Timeout = 30_000 });
        (await Api.ViewAsync(referralId)).TryGetProperty("assignee", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_supervisor_assigns_notes_and_decides_a_review_as_a_coordinator_does()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("sam", referralId);

        await page.GetByLabel("Assign to a username").FillAsync("alice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await Expect(page.Locator("#case-assignment-heading + p")).ToHaveTextAsync("Assigned to alice.", new() { Timeout = 30_000 });
        await page.GetByLabel("New note").FillAsync("Handed to Alice, who knows the GP.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator("ol.notes li")).ToContainTextAsync("sam (you)", Soon);

        await page.GetByRole(AriaRole.Radio, new() { Name = "Close: end the case here" }).CheckAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("The client has moved to another service.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        await Expect(Result(page)).ToContainTextAsync("The review was decided: close the case. The case is now closed.", Soon);
        await Expect(Timeline(page, "review-decided")).ToContainTextAsync("by sam (you)");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        (await Api.AuditAsync(referralId, "review-decided")).Single().GetProperty("actor").GetString().Should().Be("user:sam");
        (await Api.AuditAsync(referralId, "assigned")).Single().GetProperty("actor").GetString().Should().Be("user:sam");
    }

    [Fact]
    public async Task At_375_pixels_a_review_case_fits_without_scrolling_sideways()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        await Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await OpenCaseAsync("alice", referralId, width: 375);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], "the page must not scroll sideways at 375 px");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.ScreenshotAsync(page, "case-page-375");
    }

    [Fact]
    public async Task A_review_past_its_deadline_shows_the_deadline_as_overdue()
    {
        var referralId = await Server.SubmitSampleAsync(Review);
        // At the deadline the workflow tells the supervisor; the review stays open, past due.
        await Api.WaitForAuditAsync(referralId, "notified", entry => entry.GetProperty("notificationKind").GetString() == "supervisor-escalation");
        var page = await OpenCaseAsync("alice", referralId);

        var countdown = page.Locator("#case-status-heading + dl .countdown");
        await Expect(countdown).ToHaveClassAsync(new Regex(@"\boverdue\b"));
        await Expect(countdown).ToHaveTextAsync(new Regex(@"^\(overdue: due .+ ago\)$"));
        await Expect(Timeline(page, "notified").Filter(new() { HasText = "To the supervisor: an escalation" })).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task A_case_that_does_not_exist_shows_not_found()
    {
        var page = await workspace.SignedInPageAsync("alice");
        await page.GotoAsync("/cases/NO-SUCH-CASE-1");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync(Shown);
        await Expect(page).ToHaveTitleAsync(new Regex("^Not found"));
    }
}
