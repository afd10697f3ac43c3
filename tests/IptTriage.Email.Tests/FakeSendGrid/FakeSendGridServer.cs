using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Email.Tests.FakeSendGrid;

/// <summary>One request as the fake received it.</summary>
internal sealed record RecordedRequest(string? Authorization, string? ContentType, string Body);

/// <summary>
/// A real HTTP endpoint on Kestrel (127.0.0.1, a free port) that checks <c>POST /v3/mail/send</c> requests as
/// SendGrid does (bearer key, 20 MB limit, body validation with SendGrid-shaped errors) and then answers from a
/// script, or 202 with a fresh message id when the script is empty.
/// </summary>
internal sealed class FakeSendGridServer : IAsyncDisposable
{
    public const string ApiKey = "SG.fake-key-for-tests.0123456789";
    private const long MaxMessageBytes = 20 * 1024 * 1024;

    private readonly WebApplication app;
    private readonly ConcurrentQueue<ScriptedResponse> script = new();
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly SemaphoreSlim arrivals = new(0);

    private FakeSendGridServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FakeSendGridServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 2 * MaxMessageBytes);
        var server = new FakeSendGridServer(builder.Build());
        server.app.MapPost("/v3/mail/send", server.HandleAsync);
        await server.app.StartAsync();
        var address = server.app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>Waits for the next request not waited for yet to have arrived (in order, from the first); fails the test
    /// rather than hang when none comes.</summary>
    public async Task WaitForRequestAsync()
    {
        if (!await arrivals.WaitAsync(TimeSpan.FromSeconds(60))) throw new TimeoutException("No request reached the fake SendGrid.");
    }

    public void Script(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            script.Enqueue(response);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        arrivals.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        var authorization = context.Request.Headers.Authorization.ToString();
        requests.Enqueue(new RecordedRequest(authorization, context.Request.ContentType, body));
        arrivals.Release();

        if (authorization != $"Bearer {ApiKey}")
        {
            await RespondAsync(context, 401, SendGridErrors.Json(
                ("The provided authorization grant is invalid, expired, or revoked", null)));
            return;
        }

        if (context.Request.ContentLength > MaxMessageBytes)
        {
            await RespondAsync(context, 413, SendGridErrors.Json(("The email exceeds the maximum size of 20 MB", null)));
            return;
        }

        var errors = MailSendValidator.Validate(body);
        if (errors.Count > 0)
        {
            await RespondAsync(context, 400, SendGridErrors.Json([.. errors]));
            return;
        }

        var scripted = script.TryDequeue(out var next) ? next : ScriptedResponse.Accepted(Guid.NewGuid().ToString("N"));
        if (scripted.Unanswered)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client dropped the connection: nothing is written after that.
            }

            return;
        }

        foreach (var (name, value) in scripted.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await RespondAsync(context, scripted.Status, scripted.Body);
    }

    private static async Task RespondAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        if (body.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }
    }
}
