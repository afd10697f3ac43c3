using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using IptTriage.Hosting.Tests.Support;
using IptTriage.Workspace;

namespace IptTriage.Hosting.Tests.Deployment;

/// <summary>The web workspace's Static Web App configuration (<c>staticwebapp.config.json</c>, docs/azure.md "Web
/// workspace"), checked against the local host it stands in for: the headers <c>iptriage serve</c> sends are the ones
/// the Static Web App is told to send, so the two cannot drift; the pages fall back to the shell and the API does not;
/// and <c>serve</c> does not hand out the file. What the Static Web App does with it is not checked here (no Azure).</summary>
public sealed class StaticWebAppTests
{
    private static readonly string ConfigPath = Path.Combine(WorkspaceFiles.Folder, WorkspaceFiles.StaticWebAppConfigFile);

    private static JsonObject Config => JsonNode.Parse(File.ReadAllText(ConfigPath))!.AsObject();

    [Fact]
    public async Task The_static_web_app_sends_the_headers_the_local_host_sends()
    {
        await using var host = await ApiHost.StartAsync();
        using var client = host.Client(null);
        using var page = await client.GetAsync(new Uri("/worklist", UriKind.Relative));
        using var styles = await client.GetAsync(new Uri("/app.css", UriKind.Relative));
        page.StatusCode.Should().Be(HttpStatusCode.OK);
        styles.StatusCode.Should().Be(HttpStatusCode.OK);

        var global = Config["globalHeaders"]!.AsObject();
        global.Select(header => header.Key).Should().BeEquivalentTo(
            ["Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Permissions-Policy"]);
        foreach (var (name, value) in global) Header(page, name).Should().Be(value!.GetValue<string>(), name);

        // Static files are revalidated rather than never stored, on both hosts.
        var fileRoutes = Routes.Where(route => route["headers"] is not null).ToList();
        fileRoutes.Select(route => route["route"]!.GetValue<string>()).Should().BeEquivalentTo(["/js/*", "/app.css"]);
        fileRoutes.Should().AllSatisfy(route => route["headers"]!["Cache-Control"]!.GetValue<string>().Should().Be(Header(styles, "Cache-Control")));
    }

    [Fact]
    public void Pages_need_a_signed_in_person_the_api_answers_for_itself_and_sign_in_is_entras()
    {
        Routes.Select(route => route["route"]!.GetValue<string>()).First().Should().Be("/api/*", "the first route that matches is taken");
        Routes[0]["allowedRoles"]!.AsArray().Select(role => role!.GetValue<string>()).Should().Equal("anonymous");
        Routes.Last()["route"]!.GetValue<string>().Should().Be("/*");
        Routes.Last()["allowedRoles"]!.AsArray().Select(role => role!.GetValue<string>()).Should().Equal("authenticated");
        Routes.Single(route => route["route"]!.GetValue<string>() == "/sign-in")["redirect"]!.GetValue<string>().Should().StartWith("/.auth/login/aad");
        Config["responseOverrides"]!["401"]!["redirect"]!.GetValue<string>().Should().StartWith("/.auth/login/aad");

        var fallback = Config["navigationFallback"]!;
        fallback["rewrite"]!.GetValue<string>().Should().Be("/" + WorkspaceFiles.ShellFile);
        fallback["exclude"]!.AsArray().Select(path => path!.GetValue<string>()).Should().Contain(["/api/*", "/.auth/*", "/js/*"]);
    }

    [Fact]
    public void Sign_in_is_the_tenants_entra_id_with_the_settings_the_bicep_gives_and_roles_from_the_functions_app()
    {
        var auth = Config["auth"]!;
        auth["rolesSource"]!.GetValue<string>().Should().Be("/api/session/roles");
        var registration = auth["identityProviders"]!["azureActiveDirectory"]!["registration"]!;
        registration["openIdIssuer"]!.GetValue<string>().Should().Be("https://login.microsoftonline.com/__AZURE_TENANT_ID__/v2.0");

        var web = DeploymentFiles.Bicep("app/web.bicep");
        web.Should().Contain($"var clientIdSetting = '{registration["clientIdSettingName"]!.GetValue<string>()}'")
            .And.Contain($"var clientSecretSetting = '{registration["clientSecretSettingName"]!.GetValue<string>()}'");
    }

    [Fact]
    public async Task The_azd_hook_stages_the_files_with_the_tenant_in_the_issuer()
    {
        var target = Directory.CreateTempSubdirectory("iptriage-swa-").FullName;
        try
        {
            const string tenant = "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19";
            var (exit, output) = await RunHookAsync(tenant, target);

            exit.Should().Be(0, output);
            var staged = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(target, WorkspaceFiles.StaticWebAppConfigFile)))!;
            staged["auth"]!["identityProviders"]!["azureActiveDirectory"]!["registration"]!["openIdIssuer"]!.GetValue<string>()
                .Should().Be($"https://login.microsoftonline.com/{tenant}/v2.0");
            Directory.EnumerateFiles(target, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(target, path))
                .Should().BeEquivalentTo(Directory.EnumerateFiles(WorkspaceFiles.Folder, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(WorkspaceFiles.Folder, path)));

            var (refused, message) = await RunHookAsync("not-a-tenant", target);
            refused.Should().NotBe(0);
            message.Should().Contain("AZURE_TENANT_ID");
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public void No_template_allows_another_origin_so_a_cross_site_page_cannot_send_json_with_the_session_cookie()
    {
        // docs/azure.md, "Cross-site requests": a person's POST or PUT must be JSON (Functions.Tests), and a page on
        // another site sends JSON only after a CORS preflight, which only a CORS setting would admit.
        DeploymentFiles.AllBicepFiles.Should().NotBeEmpty().And.AllSatisfy(file =>
            DeploymentFiles.Bicep(file).Should().NotContainEquivalentOf("cors", file));
        Config.ToJsonString().Should().NotContainEquivalentOf("Access-Control-Allow");
    }

    [Fact]
    public void Azd_deploys_the_workspace_files_as_the_web_service_with_no_build()
    {
        DeploymentFiles.AzureYamlLines.Select(line => line.Trim()).Should().ContainInOrder(
            "web:", "project: ./src/IptTriage.Workspace", "host: staticwebapp", "dist: obj/staticwebapp", "hooks:", "prepackage:", "shell: sh",
            "run: ../../infra/hooks/stage-workspace.sh");
        DeploymentFiles.AzureYamlLines.SkipWhile(line => line.Trim() != "web:").Should().NotContain(line => line.Trim().StartsWith("language:", StringComparison.Ordinal));
    }

    private static List<JsonNode> Routes => [.. Config["routes"]!.AsArray().Select(route => route!)];

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues : []);

    private static async Task<(int Exit, string Output)> RunHookAsync(string tenant, string target)
    {
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "deployment", "infra", "hooks", "stage-workspace.sh"), target, WorkspaceFiles.Folder })
            start.ArgumentList.Add(argument);
        start.Environment["AZURE_TENANT_ID"] = tenant;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }
}
