using IptTriage.Workspace;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace IptTriage.Hosting.Workspace;

/// <summary>The web workspace on the local host, at <c>/</c> beside the API (same origin, so the session cookie and
/// its antiforgery token serve both): its script, style sheet and page shell from <see cref="WorkspaceFiles.Folder"/>,
/// and every page path (<see cref="WorkspaceFiles.Pages"/>) answering the shell.</summary>
public static class WorkspaceEndpoints
{
    /// <summary>Security headers on every answer, then the workspace's files, revalidated on each use (so an upgrade
    /// is seen at the next load) and never cached for a page with personal data, which the shell is not.</summary>
    public static IApplicationBuilder UseIptTriageWorkspace(this IApplicationBuilder app)
    {
        app.UseMiddleware<SecurityHeaders>();
        if (!Directory.Exists(WorkspaceFiles.Folder)) return app;
        // The Static Web App's configuration is Azure's (docs/azure.md, "Web workspace"), not a file of the workspace.
        return app.UseWhen(
            context => !WorkspaceFiles.IsPlatformFile(context.Request.Path.Value),
            files => files.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(WorkspaceFiles.Folder),
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
            }));
    }

    public static IEndpointRouteBuilder MapIptTriageWorkspace(this IEndpointRouteBuilder endpoints)
    {
        var shell = Path.Combine(WorkspaceFiles.Folder, WorkspaceFiles.ShellFile);
        foreach (var page in WorkspaceFiles.Pages)
        {
            endpoints.MapGet(page, () => TypedResults.PhysicalFile(shell, "text/html; charset=utf-8"))
                .AllowAnonymous().ExcludeFromDescription().WithName("WorkspacePage:" + page);
        }
        return endpoints;
    }
}
