using System.Net;
using IptTriage.Hosting.Tests.Support;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Refused sign-ins count toward the failed-authentication limit of the address, as unknown keys do.</summary>
public sealed class SessionLimitTests : IAsyncLifetime
{
    private ApiHost host = null!;

    public async Task InitializeAsync() => host = await ApiHost.StartAsync(new Dictionary<string, string?> { ["Api:Limits:FailedAuthenticationsPerMinutePerAddress"] = "3" });

    public async Task DisposeAsync() => await host.DisposeAsync();

    [Fact]
    public async Task Refused_sign_ins_use_up_the_addresss_failed_authentications()
    {
        await host.AddAccountAsync("alice", "coordinator");
        using var browser = host.Browser();
        for (var i = 0; i < 3; i++) (await browser.PostSignInAsync("nobody", "a guess of a password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        await (await browser.PostSignInAsync("alice", StaffSession.Password)).ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        (await host.Accounts().FindAccountAsync("alice"))!.FailedSignIns.Should().Be(0, "a limited request never reaches the account");
    }
}
