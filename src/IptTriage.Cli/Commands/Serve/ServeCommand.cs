using System.CommandLine;
using System.Text;
using IptTriage.Composition;
using IptTriage.Hosting.Api;
using IptTriage.Triage.Policy;
using IptTriage.Workflow.Clinics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace IptTriage.Cli.Commands.Serve;

/// <summary><c>iptriage serve</c>: the referral workflow with its HTTP API on this machine (<c>docs/api.md</c>).
/// Configuration: <c>appsettings.json</c> next to the executable, then environment variables (<c>IPTRIAGE_</c>
/// prefix, <c>__</c> for <c>:</c>), then the command line. Ctrl+C stops it gracefully.</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(CliStreams streams)
    {
        var urls = new Option<string>("--urls")
        {
            HelpName = "URLS",
            DefaultValueFactory = _ => DefaultUrls,
            Description = $"Where to listen, ';' between several (default {DefaultUrls}). The API has no TLS of its own: "
                + "keep it on loopback unless a TLS-terminating proxy fronts it.",
        };
        var data = new Option<string>("--data")
        {
            HelpName = "DIR",
            Description = "The data directory: records, durable state, email outbox, keys (default: IptTriage:DataDirectory, or .iptriage).",
        };
        var command = new Command("serve", "Run the referral workflow and its HTTP API until stopped (Ctrl+C).") { urls, data };
        command.SetAction((parsed, cancellationToken) =>
            RunAsync(parsed.GetValue(urls) ?? DefaultUrls, parsed.GetValue(data), streams, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string urls, string? dataDirectory, CliStreams streams, CancellationToken cancellationToken)
    {
        try
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Configuration.AddEnvironmentVariables("IPTRIAGE_");
            if (dataDirectory is not null)
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{IptTriageOptions.SectionName}:DataDirectory"] = dataDirectory });
            var keys = DevelopmentKeys.AddIfNoneConfigured(builder.Configuration);
            // Staff emails link to the workspace where this serve is reached, unless configured otherwise.
            if (string.IsNullOrEmpty(builder.Configuration[WorkspaceOptions.BaseUrlKey]) && string.IsNullOrEmpty(builder.Configuration[WorkspaceOptions.LegacyBaseUrlKey])
                && WorkspaceOptions.FromListeningAddress(urls) is { } listening)
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [WorkspaceOptions.BaseUrlKey] = listening });
            builder.WebHost.UseUrls(urls);
            builder.Logging.AddConsole(console => console.FormatterName = PlainConsoleFormatter.FormatterName)
                .AddConsoleFormatter<PlainConsoleFormatter, ConsoleFormatterOptions>();

            await using var app = builder.BuildIptTriageApi();
            await app.StartAsync(cancellationToken);
            if (keys is not null) await WriteLineAsync(streams, keys.Announce());
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException
                                      or ClinicDirectoryException or PolicyFileException or FormatException)
        {
            // Start-up problems: a port in use, a missing or malformed file, a bad key role. Their messages name the
            // file, address or role, never a key or a referral.
            streams.Stderr.WriteLine($"iptriage serve: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            streams.Stderr.WriteLine($"iptriage serve: internal error ({e.GetType().FullName}); please report it.");
            return ExitCodes.InternalError;
        }
    }

    private static async Task WriteLineAsync(CliStreams streams, string text)
    {
        await streams.Stdout.WriteAsync(Encoding.UTF8.GetBytes(text + Environment.NewLine));
        await streams.Stdout.FlushAsync();
    }
}
