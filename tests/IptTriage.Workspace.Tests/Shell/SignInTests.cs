using System.Text.RegularExpressions;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IptTriage.Workspace.Tests.Shell;

[Collection(WorkspaceCollection.Name)]
public sealed class SignInTests(WorkspaceFixture workspace)
{
    [Fact]
    public async Task A_page_asked_for_without_a_session_shows_sign_in_and_returns_there_after_it()
    {
        var page = await workspace.NewPageAsync();
        await page.GotoAsync("/clinics");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
        await WorkspaceFixture.SignInAsync(page, "alice");

        await Expect(page).ToHaveURLAsync(new Regex("/clinics$"));
        await Expect(page.GetByText("Alice Coordinator")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_the_password_field_is_emptied()
    {
        var page = await workspace.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Username").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The username or password is wrong");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync("");
        await WorkspaceFixture.ShouldBeAccessibleAsync(page);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_so_the_home_page_asks_for_sign_in_again()
    {
        var page = await workspace.SignedInPageAsync("sam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Pages_carry_no_store_a_content_security_policy_and_no_referrer()
    {
        var page = await workspace.NewPageAsync();
        var response = await page.GotoAsync("/cases/SOME-CASE");

        var headers = await response!.AllHeadersAsync();
        headers["cache-control"].Should().Be("no-store");
        headers["content-security-policy"].Should().Contain("script-src 'self'").And.Contain("frame-ancestors 'none'");
        headers["referrer-policy"].Should().Be("no-referrer");
        headers["x-content-type-options"].Should().Be("nosniff");
    }
}
