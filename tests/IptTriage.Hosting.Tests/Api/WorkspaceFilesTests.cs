using System.Net;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workspace;

namespace IptTriage.Hosting.Tests.Api;

/// <summary><c>iptriage serve</c> serves the workspace's files but not the Static Web App's configuration beside them.</summary>
public sealed class WorkspaceFilesTests
{
    [Fact]
    public async Task Serve_does_not_serve_the_static_web_apps_configuration()
    {
        File.Exists(Path.Combine(WorkspaceFiles.Folder, WorkspaceFiles.StaticWebAppConfigFile)).Should().BeTrue("the file is in the workspace folder");
        await using var host = await ApiHost.StartAsync();
        using var client = host.Client(null);

        (await client.GetAsync(new Uri("/app.css", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync(new Uri("/js/app.js", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        // A path that is no file and no endpoint: 401 for no one (the host's fallback policy), 404 for a caller.
        using var coordinator = host.Coordinator();
        foreach (var path in new[] { "/" + WorkspaceFiles.StaticWebAppConfigFile, "/STATICWEBAPP.CONFIG.JSON" })
        {
            using var anonymous = await client.GetAsync(new Uri(path, UriKind.Relative));
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, path);
            (await anonymous.Content.ReadAsStringAsync()).Should().NotContain("rolesSource", path);
            (await coordinator.GetAsync(new Uri(path, UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }
}
