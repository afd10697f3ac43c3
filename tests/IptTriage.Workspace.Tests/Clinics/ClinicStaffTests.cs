using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Clinics;

/// <summary>Clinic staff (nora, clinic:northbridge-ipt) answer offers, book and discharge their clients; another
/// clinic's case is Not found to them.</summary>
[Collection(ClinicsCollection.Name)]
public sealed class ClinicStaffTests(ClinicsFixture workspace)
{
    private const string Northbridge = "northbridge-ipt";

    /// <summary>How long the workflow may take to offer, place or discharge a case, and the page's poll to show it.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Eventually = new() { Timeout = 45_000 };

    /// <summary>0101 (north, Spanish, an adult, IPT, shares with the clinic) goes to northbridge-ipt first.</summary>
    private const string SharesWithNorthbridge = "0101-ipt-grief-spanish-speaking-widow.json";

    [Fact]
    public async Task An_offer_appears_without_a_reload_is_accepted_booked_and_later_discharged_with_a_reason()
    {
        var restore = await workspace.Server.MakeRoomAsync(Northbridge, 2);
        try
        {
            var page = await workspace.SignedInPageAsync("nora");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Offers awaiting your answer" })).ToBeVisibleAsync();

            var referralId = await workspace.Server.SubmitSampleAsync(SharesWithNorthbridge);
            (await workspace.Server.OfferedClinicAsync(referralId)).Should().Be(Northbridge, "the client is in the north and speaks Spanish");
            var offer = page.GetByRole(AriaRole.Article, new() { Name = $"Offer {referralId}" });
            await Expect(offer).ToBeVisibleAsync(Eventually);
            await Expect(offer).ToContainTextAsync("Respond by");
            await Expect(offer).ToContainTextAsync("IPT");
            await Expect(offer).Not.ToContainTextAsync("Lucía");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
            await WorkspaceFixture.ScreenshotAsync(page, "clinic-home");

            await offer.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
            await Expect(page.Locator("#notice").GetByRole(AriaRole.Status)).ToContainTextAsync($"Accepted {referralId}");
            await workspace.Server.WaitForStatusAsync(referralId, "placed");
            var placed = page.GetByRole(AriaRole.Article, new() { Name = $"Case {referralId}" });
            await Expect(placed).ToBeVisibleAsync(Eventually);
            await Expect(offer).ToHaveCountAsync(0);

            await placed.GetByRole(AriaRole.Button, new() { Name = "Show booking details" }).ClickAsync();
            await Expect(placed.GetByText("Lucía Fernández")).ToBeVisibleAsync();
            await Expect(placed.GetByRole(AriaRole.Link, new() { Name = "lucia.fernandez@example.org" })).ToBeVisibleAsync();
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await placed.GetByRole(AriaRole.Link, new() { Name = $"Case {referralId}" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/cases/{referralId}$"));
            await Expect(page).ToHaveTitleAsync("Case — IptTriage");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Booking the client" })).ToBeVisibleAsync();
            await Expect(page.GetByText("Lucía Fernández")).ToBeVisibleAsync();
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await page.GetByRole(AriaRole.Button, new() { Name = "Record discharge" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose why care ended");
            await page.GetByLabel("Other (say why below)").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Record discharge" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Say in the note why care ended");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
            await page.GetByLabel("Transferred to another service").CheckAsync();
            await page.GetByLabel("Note", new() { Exact = true }).FillAsync("Moved to the perinatal team at the hospital.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Record discharge" }).ClickAsync();

            await Expect(page.GetByText("Your clinic recorded the end of care for this case.")).ToBeVisibleAsync(Eventually);
            await workspace.Server.WaitForStatusAsync(referralId, "discharged");
            (await workspace.Server.AuditAsync(referralId)).Should().Contain(entry =>
                entry.GetProperty("step").GetString() == "care-ended" && entry.GetProperty("dischargeReason").GetString() == "transferred"
                && entry.GetProperty("actor").GetString() == "user:nora");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await page.GetByRole(AriaRole.Link, new() { Name = "Cases", Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Placed with your clinic" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Article, new() { Name = $"Case {referralId}" })).ToHaveCountAsync(0);
            // The discharge stays in sight, so the clinic can confirm it was recorded.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Recently discharged" })).ToBeVisibleAsync();
            var discharged = page.Locator("#discharged").GetByRole(AriaRole.Article, new() { Name = $"Discharged {referralId}" });
            await Expect(discharged).ToBeVisibleAsync(Eventually);
            await Expect(discharged).ToContainTextAsync("Discharged by your clinic");
            await Expect(discharged.Locator("time")).ToHaveAttributeAsync("datetime", new Regex(@"^\d{4}-\d{2}-\d{2}T"));
            await Expect(discharged).ToContainTextAsync("ago)");
            await Expect(discharged).Not.ToContainTextAsync("Lucía");
            await Expect(discharged.GetByRole(AriaRole.Link, new() { Name = $"Discharged {referralId}" })).ToHaveAttributeAsync("href", $"/cases/{referralId}");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        }
        finally
        {
            await restore();
        }
    }

    [Fact]
    public async Task An_offer_declined_with_a_reason_leaves_the_list_and_the_reason_is_in_the_audit_trail()
    {
        var restore = await workspace.Server.MakeRoomAsync(Northbridge, 1);
        try
        {
            var referralId = await workspace.Server.SubmitSampleAsync(SharesWithNorthbridge);
            (await workspace.Server.OfferedClinicAsync(referralId)).Should().Be(Northbridge);
            var page = await workspace.SignedInPageAsync("nora", width: 375);
            var offer = page.GetByRole(AriaRole.Article, new() { Name = $"Offer {referralId}" });
            await Expect(offer).ToBeVisibleAsync(Eventually);
            await offer.GetByRole(AriaRole.Link, new() { Name = $"Offer {referralId}" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your answer" })).ToBeVisibleAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("Awaiting your answer");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
            await CoordinatorApi.ShouldNotScrollSidewaysAsync(page);
            await page.GoBackAsync();
            await Expect(offer).ToBeVisibleAsync();

            await offer.GetByRole(AriaRole.Button, new() { Name = "Decline…" }).ClickAsync();
            await offer.GetByLabel("Why your clinic declines").FillAsync("No Spanish-speaking therapist until March.");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
            await CoordinatorApi.ShouldNotScrollSidewaysAsync(page);
            await offer.GetByRole(AriaRole.Button, new() { Name = "Decline the offer" }).ClickAsync();

            await Expect(page.Locator("#notice").GetByRole(AriaRole.Status)).ToContainTextAsync($"Declined {referralId}");
            await Expect(page.GetByRole(AriaRole.Article, new() { Name = $"Offer {referralId}" })).ToHaveCountAsync(0, new() { Timeout = 45_000 });
            (await workspace.Server.AuditAsync(referralId)).Should().Contain(entry =>
                entry.GetProperty("step").GetString() == "clinic-response-reason" && entry.GetProperty("actor").GetString() == "user:nora"
                && entry.GetProperty("detail").GetString() == "No Spanish-speaking therapist until March.");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await page.GotoAsync($"/cases/{referralId}");
            await Expect(page.GetByText("This case is no longer with your clinic")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToHaveCountAsync(0);
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        }
        finally
        {
            await restore();
        }
    }

    [Fact]
    public async Task Another_clinics_case_is_not_found_exactly_as_a_case_that_does_not_exist()
    {
        // A case awaiting review has been offered to no clinic.
        var referralId = await workspace.Server.SubmitSampleAsync("0301-review-risk-cssrs-moderate-method.json");
        await workspace.Server.WaitForStatusAsync(referralId, "awaiting-review");
        var page = await workspace.SignedInPageAsync("nora");

        await page.GotoAsync($"/cases/{referralId}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync("Not found — IptTriage");
        var notTheirs = await page.Locator("main").InnerTextAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        await page.GotoAsync("/cases/WS-NO-SUCH-CASE");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
        (await page.Locator("main").InnerTextAsync()).Should().Be(notTheirs);
        (await page.Locator("main").InnerTextAsync()).Should().NotContain(referralId);
    }
}
