using System.Text;
using System.Text.RegularExpressions;
using IptTriage.Composition;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workflow;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Hosting.Tests.Api;

/// <summary>Links in staff emails open the case's page in the web workspace: <c>{Workspace:BaseUrl}cases/{id}</c>,
/// whose default <c>serve</c> takes from where it listens.</summary>
public sealed partial class WorkspaceLinkTests : IDisposable
{
    private readonly string outbox = Directory.CreateTempSubdirectory("iptriage-links-").FullName;

    public void Dispose() => Directory.Delete(outbox, recursive: true);

    [Fact]
    public async Task A_staff_email_links_to_the_cases_page_under_the_configured_base_url()
    {
        await using var host = await ApiHost.StartAsync(new() { [WorkspaceOptions.BaseUrlKey] = "https://triage.example.org/team", ["Email:OutboxPath"] = outbox });
        var referralId = await host.SubmitAsync(Samples.Emergency);

        await host.WaitForStatusAsync(referralId, "emergency", auditStep: "notified");

        var bodies = Directory.GetFiles(outbox, "*.eml").Select(File.ReadAllText).Select(DecodedParts).ToList();
        bodies.Should().NotBeEmpty().And.Contain(body => body.Contains($"https://triage.example.org/team/cases/{referralId}", StringComparison.Ordinal));
        bodies.Should().NotContain(body => body.Contains("/api/referrals/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080/")]
    [InlineData("http://127.0.0.1:8123;https://127.0.0.1:8443", "http://127.0.0.1:8123/")]
    [InlineData("http://*:8080", "http://localhost:8080/")]
    [InlineData("http://+:80", "http://localhost/")]
    [InlineData("http://0.0.0.0:9000", "http://localhost:9000/")]
    [InlineData("http://[::]:9000", "http://localhost:9000/")]
    [InlineData("https://triage.example.org/base/", "https://triage.example.org/base/")]
    [InlineData("not a url", null)]
    public void Serve_defaults_the_base_url_to_where_it_listens(string urls, string? expected)
    {
        WorkspaceOptions.FromListeningAddress(urls).Should().Be(expected);
    }

    [Theory]
    [InlineData("Workspace:BaseUrl", "https://triage.example.org/team", "https://triage.example.org/team/cases/R%201")]
    [InlineData("Workflow:PublicBaseUri", "https://old.example.org/", "https://old.example.org/cases/R%201")]
    public void The_base_url_is_read_from_the_workspace_setting_or_the_one_before_it(string key, string value, string link)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build();

        WorkspaceOptions.Configure(new WorkflowOptions(), configuration).CaseLink("R 1").AbsoluteUri.Should().Be(link);
    }

    [Theory]
    [InlineData("/relative")]
    [InlineData("ftp://triage.example.org/")]
    public void A_base_url_that_is_not_an_absolute_web_address_stops_start_up_naming_the_setting(string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(WorkspaceOptions.BaseUrlKey, (string?)value)]).Build();

        var configure = () => WorkspaceOptions.Configure(new WorkflowOptions(), configuration);

        configure.Should().Throw<FormatException>().WithMessage("Workspace:BaseUrl must be an absolute http or https URL*");
    }

    /// <summary>An outbox message's text, its base64 parts decoded.</summary>
    private static string DecodedParts(string eml) => string.Concat(Base64Block().Matches(eml)
        .Select(block => Encoding.UTF8.GetString(Convert.FromBase64String(block.Value.Replace("\r\n", "", StringComparison.Ordinal)))));

    [GeneratedRegex(@"(?<=\r\n\r\n)[A-Za-z0-9+/=]+(\r\n[A-Za-z0-9+/=]+)*(?=\r\n)")]
    private static partial Regex Base64Block();
}
