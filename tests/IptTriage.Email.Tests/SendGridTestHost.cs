using IptTriage.Email.SendGrid;
using IptTriage.Email.Tests.FakeSendGrid;
using IptTriage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace IptTriage.Email.Tests;

/// <summary>
/// The sender as the application would build it (<see cref="EmailServiceCollectionExtensions.AddSendGridEmail"/>
/// over configuration), pointed at the fake endpoint, with an immediate clock for the waits between attempts, a clock
/// the test moves for the per-attempt timeout (<see cref="TimeoutClock"/>), and captured logs.
/// </summary>
internal sealed class SendGridTestHost : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private SendGridTestHost(
        FakeSendGridServer server, ServiceProvider services, ImmediateTimeProvider clock, FakeTimeProvider timeoutClock, CapturedLogs logs)
    {
        Server = server;
        this.services = services;
        Clock = clock;
        TimeoutClock = timeoutClock;
        Logs = logs;
    }

    public FakeSendGridServer Server { get; }

    public ImmediateTimeProvider Clock { get; }

    /// <summary>What each attempt's timeout runs on: it passes only when the test advances it.</summary>
    public FakeTimeProvider TimeoutClock { get; }

    public CapturedLogs Logs { get; }

    public IEmailSender Sender => services.GetRequiredService<IEmailSender>();

    public static async Task<SendGridTestHost> StartAsync(
        string apiKey = FakeSendGridServer.ApiKey, int maxAttempts = 3, TimeSpan? timeout = null)
    {
        var server = await FakeSendGridServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = apiKey,
            ["SendGrid:Host"] = server.BaseAddress.ToString(),
            ["SendGrid:FromAddress"] = "intake@clinic.example",
            ["SendGrid:FromName"] = "Intake Team",
            ["SendGrid:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SendGrid:FirstRetryDelay"] = "00:00:02",
            ["SendGrid:MaxRetryDelay"] = "00:01:00",
            ["SendGrid:Timeout"] = (timeout ?? TimeSpan.FromSeconds(30)).ToString(),
        }).Build();

        var clock = new ImmediateTimeProvider();
        var timeoutClock = new FakeTimeProvider();
        var logs = new CapturedLogs();
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddKeyedSingleton<TimeProvider>(SendGridEmailSender.TimeoutClockKey, timeoutClock);
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSendGridEmail(configuration);
        return new SendGridTestHost(server, collection.BuildServiceProvider(), clock, timeoutClock, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
