using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IptTriage.Workspace.Tests.Support;

namespace IptTriage.Workspace.Tests.CasePage;

/// <summary>What the case page's tests set up and check through the API, beside the page: the case's audit trail as
/// the coordinator key reads it, a clinic's capacity, and a clinic's answer given by a signed-in clinic user (the
/// fixture has development keys for the coordinator and intake only).</summary>
internal sealed class CaseApi(WorkspaceServer server)
{
    public async Task<JsonElement> ViewAsync(string referralId) =>
        await server.Coordinator.GetFromJsonAsync<JsonElement>($"api/referrals/{referralId}");

    /// <summary>The case's audit entries of one step, oldest first.</summary>
    public async Task<List<JsonElement>> AuditAsync(string referralId, string step) =>
        [.. (await ViewAsync(referralId)).GetProperty("audit").EnumerateArray().Where(entry => entry.GetProperty("step").GetString() == step)];

    /// <summary>Waits until the case's audit trail has a <paramref name="step"/> entry that <paramref name="matches"/>;
    /// fails the test after a minute rather than hang.</summary>
    public async Task<JsonElement> WaitForAuditAsync(string referralId, string step, Func<JsonElement, bool> matches)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!guard.IsCancellationRequested)
        {
            if ((await AuditAsync(referralId, step)).FirstOrDefault(matches) is { ValueKind: JsonValueKind.Object } found) return found;
            await Task.Delay(100, CancellationToken.None);
        }
        throw new TimeoutException($"{referralId} has no matching '{step}' audit entry.");
    }

    /// <summary>Sets a clinic's capacity; answers the capacity it had, to put back.</summary>
    public async Task<int> SetCapacityAsync(string clinicId, int capacity)
    {
        using var response = await server.Coordinator.PutAsJsonAsync($"api/clinics/{clinicId}/capacity", new { capacity, reason = "Case page test." });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("previousCapacity").GetInt32();
    }

    /// <summary>A clinic user signs in through the API (cookie and antiforgery token, as the workspace would) and
    /// declines the case offered to their clinic.</summary>
    public async Task DeclineAsAsync(string username, string referralId)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var clinic = new HttpClient(handler) { BaseAddress = server.BaseUrl };
        using (var signIn = await clinic.PostAsJsonAsync("api/session", new { username, password = WorkspaceServer.Password }))
            signIn.StatusCode.Should().Be(HttpStatusCode.NoContent);
        var session = await clinic.GetFromJsonAsync<JsonElement>("api/session");
        clinic.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
        using var declined = await clinic.PostAsJsonAsync($"api/referrals/{referralId}/clinic-response", new { accept = false });
        declined.StatusCode.Should().Be(HttpStatusCode.Accepted, await declined.Content.ReadAsStringAsync());
    }
}
