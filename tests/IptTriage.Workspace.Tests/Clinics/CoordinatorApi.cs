using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using IptTriage.Workspace.Tests.Support;
using Microsoft.Playwright;

namespace IptTriage.Workspace.Tests.Clinics;

/// <summary>What the clinic tests read and set through the API with the development coordinator key: a referral's
/// view, a clinic's capacity (the server is shared, so a test that changes one puts it back).</summary>
internal static class CoordinatorApi
{
    public static async Task<JsonElement> ReferralAsync(this WorkspaceServer server, string referralId) =>
        await server.Coordinator.GetFromJsonAsync<JsonElement>($"api/referrals/{referralId}");

    public static async Task<JsonElement> ClinicAsync(this WorkspaceServer server, string clinicId) =>
        (await server.Coordinator.GetFromJsonAsync<JsonElement>("api/clinics")).EnumerateArray().Single(clinic => clinic.GetProperty("id").GetString() == clinicId);

    public static async Task SetCapacityAsync(this WorkspaceServer server, string clinicId, int capacity)
    {
        using var body = new StringContent($$"""{"capacity":{{capacity}}}""", Encoding.UTF8, "application/json");
        using var response = await server.Coordinator.PutAsync($"api/clinics/{clinicId}/capacity", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes room for <paramref name="slots"/> more cases at the clinic (earlier tests may hold its slots), and
    /// answers how to put its capacity back.</summary>
    public static async Task<Func<Task>> MakeRoomAsync(this WorkspaceServer server, string clinicId, int slots)
    {
        var clinic = await server.ClinicAsync(clinicId);
        var capacity = clinic.GetProperty("capacity").GetInt32();
        if (clinic.GetProperty("free").GetInt32() >= slots) return () => Task.CompletedTask;
        await server.SetCapacityAsync(clinicId, clinic.GetProperty("inUse").GetInt32() + slots);
        return () => server.SetCapacityAsync(clinicId, capacity);
    }

    /// <summary>Waits until the referral awaits a clinic's answer and answers which clinic.</summary>
    public static async Task<string> OfferedClinicAsync(this WorkspaceServer server, string referralId)
    {
        await server.WaitForStatusAsync(referralId, "awaiting-clinic");
        return (await server.ReferralAsync(referralId)).GetProperty("clinicId").GetString()!;
    }

    public static async Task<IEnumerable<JsonElement>> AuditAsync(this WorkspaceServer server, string referralId) =>
        (await server.ReferralAsync(referralId)).GetProperty("audit").EnumerateArray().ToList();

    /// <summary>The page is usable at its width: nothing makes the page itself scroll sideways (wide tables scroll in their own box).</summary>
    public static async Task ShouldNotScrollSidewaysAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        // Named in the failure: the elements that reach past the page's right edge.
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + e.className : ''}`).slice(0, 10)
            """);
        widths[0].Should().BeLessThanOrEqualTo(widths[1], $"{page.Url} should not scroll sideways at {widths[1]} px (too wide: {string.Join(", ", wide)})");
    }
}
