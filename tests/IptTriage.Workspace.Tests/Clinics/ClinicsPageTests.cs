using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Clinics;

/// <summary>Coordinators' clinics page: slots used of the capacity, who each clinic takes, a capacity edit with a
/// reason, and the clinic's capacity history.</summary>
[Collection(ClinicsCollection.Name)]
public sealed class ClinicsPageTests(ClinicsFixture workspace)
{
    /// <summary>A clinic no other test of the workspace places with by hand.</summary>
    private const string Westfield = "westfield-community";

    [Fact]
    public async Task A_coordinator_sees_each_clinic_and_changes_a_capacity_with_a_reason()
    {
        var clinic = await workspace.Server.ClinicAsync(Westfield);
        var name = clinic.GetProperty("name").GetString()!;
        var capacity = clinic.GetProperty("capacity").GetInt32();
        var inUse = clinic.GetProperty("inUse").GetInt32();
        try
        {
            var page = await workspace.SignedInPageAsync("alice");
            await page.GetByRole(AriaRole.Link, new() { Name = "Clinics", Exact = true }).ClickAsync();
            var card = page.GetByRole(AriaRole.Article, new() { Name = name });
            await Expect(card).ToContainTextAsync($"{inUse} of {capacity}");
            await Expect(page.GetByRole(AriaRole.Article)).ToHaveCountAsync(7);
            await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Eastside" })).ToContainTextAsync("Up to 17");
            await Expect(page.GetByRole(AriaRole.Article, new() { Name = "Northbridge" })).ToContainTextAsync("18 and over");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);
            await WorkspaceFixture.ScreenshotAsync(page, "clinics");

            await card.GetByText("Change capacity").ClickAsync();
            await card.GetByLabel($"Capacity of {name}").FillAsync("ten");
            await card.GetByRole(AriaRole.Button, new() { Name = "Save capacity" }).ClickAsync();
            await Expect(card.GetByRole(AriaRole.Alert)).ToContainTextAsync("whole number from 0 to 10,000");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await card.GetByLabel($"Capacity of {name}").FillAsync((capacity + 3).ToString());
            await card.GetByLabel("Reason").FillAsync("Two therapists joined for the winter.");
            await card.GetByRole(AriaRole.Button, new() { Name = "Save capacity" }).ClickAsync();
            await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync($"is now {capacity + 3} (was {capacity})");
            await Expect(card).ToContainTextAsync($"{inUse} of {capacity + 3}");
            (await workspace.Server.ClinicAsync(Westfield)).GetProperty("capacity").GetInt32().Should().Be(capacity + 3);

            await card.GetByText("Capacity history").ClickAsync();
            await Expect(card.GetByRole(AriaRole.Table)).ToContainTextAsync("Two therapists joined for the winter.");
            await Expect(card.GetByRole(AriaRole.Table)).ToContainTextAsync("user:alice");
            await WorkspaceFixture.ShouldBeAccessibleAsync(page);

            await card.GetByLabel($"Capacity of {name}").FillAsync(capacity.ToString());
            await card.GetByRole(AriaRole.Button, new() { Name = "Save capacity" }).ClickAsync();
            await Expect(card.GetByRole(AriaRole.Status)).ToContainTextAsync($"is now {capacity} (was {capacity + 3})");
            await Expect(card).ToContainTextAsync($"{inUse} of {capacity}");
        }
        finally
        {
            await workspace.Server.SetCapacityAsync(Westfield, capacity);
        }
    }

    [Fact]
    public async Task The_clinics_page_fits_a_phone_screen()
    {
        var page = await workspace.SignedInPageAsync("sam", width: 375);
        await page.GotoAsync("/clinics");
        await Expect(page.GetByRole(AriaRole.Article).First).ToBeVisibleAsync();
        await page.GetByText("Change capacity").First.ClickAsync();
        await page.GetByText("Capacity history").First.ClickAsync();
        await Expect(page.GetByText("Loading…")).ToHaveCountAsync(0);

        await CoordinatorApi.ShouldNotScrollSidewaysAsync(page);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }
}
