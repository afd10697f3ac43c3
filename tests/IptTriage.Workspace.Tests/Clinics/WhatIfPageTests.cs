using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Clinics;

/// <summary>Trying a policy (issue 15): a candidate file uploaded or pasted, the report's summary, tables and changed
/// referrals, and a malformed candidate's problems by JSON path.</summary>
[Collection(ClinicsCollection.Name)]
public sealed class WhatIfPageTests(ClinicsFixture workspace)
{
    private static readonly string TunedPolicy = Path.Combine(AppContext.BaseDirectory, "samples", "policy", "tuned-clinic.json");

    [Fact]
    public async Task An_uploaded_candidate_shows_the_summary_and_links_each_changed_referral_to_its_case()
    {
        // Under the tuned policy a chronic course counts from 18 months: 0110 moves from IPT to IPT with medication.
        var changed = await workspace.Server.SubmitSampleAsync("0110-ipt-ed-binge-eating-interpersonal-deficits.json");
        var unchanged = await workspace.Server.SubmitSampleAsync("0101-ipt-grief-spanish-speaking-widow.json");
        var page = await workspace.SignedInPageAsync("alice");
        await page.GetByRole(AriaRole.Link, new() { Name = "Try a policy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Try a policy", Level = 1 })).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);

        await page.GetByLabel("Candidate policy file").SetInputFilesAsync(TunedPolicy);
        await Expect(page.GetByLabel("Or paste the policy file")).ToHaveValueAsync(new Regex("north-clinic-2\\.1"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Try this policy" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Summary" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-count=forms]")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await Expect(page.Locator("#report dl")).ToContainTextAsync("north-clinic-2.1");
        var changes = page.GetByRole(AriaRole.Table, new() { Name = "Each referral whose decision would change" });
        var row = changes.GetByRole(AriaRole.Row).Filter(new() { HasText = changed });
        await Expect(row).ToContainTextAsync("IPT with medication");
        await Expect(row).ToContainTextAsync("RT-MEDICATION, MED-CHRONIC");
        await Expect(row).ToContainTextAsync("+chronic-depression");
        await Expect(changes.GetByRole(AriaRole.Link, new() { Name = unchanged })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Referrals by outcome, pathway, service and urgency, under each policy" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Rules whose firing changes" })).ToContainTextAsync("MED-CHRONIC");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.ScreenshotAsync(page, "what-if");

        await row.GetByRole(AriaRole.Link, new() { Name = changed }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/cases/{changed}$"));
    }

    [Fact]
    public async Task A_pasted_candidate_with_a_bad_setting_is_refused_naming_its_json_path()
    {
        var candidate = JsonNode.Parse(await File.ReadAllTextAsync(TunedPolicy))!;
        candidate["thresholds"]!["phq9"]!["subthresholdBelow"] = 0;
        var page = await workspace.SignedInPageAsync("sam", width: 375);
        await page.GotoAsync("/policy/what-if");

        await page.GetByLabel("Or paste the policy file").FillAsync("{ not json");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try this policy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not valid JSON");

        await page.GetByLabel("Or paste the policy file").FillAsync(candidate.ToJsonString());
        await page.GetByLabel("From (inclusive)").FillAsync("2026-01-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try this policy" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("$.thresholds.phq9.subthresholdBelow: must be from 1 to 27, found 0");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Summary" })).ToHaveCountAsync(0);
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await CoordinatorApi.ShouldNotScrollSidewaysAsync(page);
    }

    [Fact]
    public async Task The_report_fits_a_phone_screen_and_a_window_after_every_referral_finds_none()
    {
        var page = await workspace.SignedInPageAsync("alice", width: 375);
        await page.GotoAsync("/policy/what-if");
        await page.GetByLabel("Candidate policy file").SetInputFilesAsync(TunedPolicy);
        await page.GetByRole(AriaRole.Button, new() { Name = "Try this policy" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Summary" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await CoordinatorApi.ShouldNotScrollSidewaysAsync(page);

        await page.GetByLabel("From (inclusive)").FillAsync("2100-01-01T00:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try this policy" }).ClickAsync();
        await Expect(page.Locator("[data-count=forms]")).ToHaveTextAsync("0");
        await Expect(page.GetByText("No stored referral would be decided differently.")).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }
}
