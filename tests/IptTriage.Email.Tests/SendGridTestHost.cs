using IptTriage.Email.SendGrid;
using IptTriage.Email.Tests.FakeSendGrid;
using IptTriage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Email.Tests;

/// <summary>
/// The sender as the application would build it (<see cref="EmailServiceCollectionExtensions.AddSendGridEmail"/>
/// over configuration), pointed at the fake endpoint, with the SendGrid wall clock a <see cref="SendGridTestClock"/>
/// the test moves (<see cref="Clock"/>), optionally another clock as the app's own, and captured logs.
/// </summary>
internal sealed class SendGridTestHost : IAsyncDisposable
{
    /// <summary>Where <see cref="Clock"/> starts: a whole second, so epoch-second advice comes out exact.</summary>
    public static readonly DateTimeOffset ClockStart = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The cap on any wait between attempts (<c>SendGrid:MaxRetryDelay</c>).</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The per-attempt timeout unless a test sets one: longer than <see cref="MaxRetryDelay"/> (as every timeout here
    /// must be, so <see cref="SendGridTestClock"/> tells the two apart), and longer than the hang guard, so an attempt
    /// bounded by real time instead of the test's clock fails the test instead of passing late.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long a test waits for the sender to get on, in real time, before failing rather than hang.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly ServiceProvider services;

    private SendGridTestHost(FakeSendGridServer server, ServiceProvider services, SendGridTestClock clock, CapturedLogs logs)
    {
        Server = server;
        this.services = services;
        Clock = clock;
        Logs = logs;
    }

    public FakeSendGridServer Server { get; }

    /// <summary>The SendGrid wall clock: each attempt's timeout and the waits between attempts run on it.</summary>
    public SendGridTestClock Clock { get; }

    public CapturedLogs Logs { get; }

    public IEmailSender Sender => services.GetRequiredService<IEmailSender>();

    /// <param name="appClock">Registered as the app's own <see cref="TimeProvider"/> (the workflow's clock); none when
    /// null, so <see cref="EmailServiceCollectionExtensions.AddSendGridEmail"/> adds the system clock.</param>
    public static async Task<SendGridTestHost> StartAsync(
        string apiKey = FakeSendGridServer.ApiKey, int maxAttempts = 3, TimeSpan? timeout = null, TimeProvider? appClock = null)
    {
        var attemptTimeout = timeout ?? DefaultTimeout;
        if (attemptTimeout <= MaxRetryDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), "The test clock tells waits from timeouts only when the timeout is longer than any wait.");
        }

        var server = await FakeSendGridServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = apiKey,
            ["SendGrid:Host"] = server.BaseAddress.ToString(),
            ["SendGrid:FromAddress"] = "intake@clinic.example",
            ["SendGrid:FromName"] = "Intake Team",
            ["SendGrid:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SendGrid:FirstRetryDelay"] = "00:00:02",
            ["SendGrid:MaxRetryDelay"] = MaxRetryDelay.ToString(),
            ["SendGrid:Timeout"] = attemptTimeout.ToString(),
        }).Build();

        var clock = new SendGridTestClock(ClockStart, attemptTimeout);
        var logs = new CapturedLogs();
        var collection = new ServiceCollection();
        if (appClock is not null)
        {
            collection.AddSingleton(appClock);
        }

        collection.AddKeyedSingleton<TimeProvider>(SendGridEmailSender.WallClockKey, clock);
        collection.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        collection.AddSendGridEmail(configuration);
        return new SendGridTestHost(server, collection.BuildServiceProvider(), clock, logs);
    }

    /// <summary>Sends, letting each wait between attempts pass on <see cref="Clock"/> (see <see cref="PassWaitsAsync"/>).</summary>
    public Task<EmailSendResult> SendAsync(EmailMessage message) =>
        PassWaitsAsync(Sender.SendAsync(message, CancellationToken.None));

    /// <summary>
    /// Until <paramref name="send"/> completes, moves <see cref="Clock"/> on by each wait as soon as the sender arms it,
    /// by exactly that wait: no wait takes real time, and a wait the sender took on any other clock is either not
    /// recorded in <see cref="SendGridTestClock.Waits"/> or never passes (the hang guard fails the test).
    /// </summary>
    public async Task<EmailSendResult> PassWaitsAsync(Task<EmailSendResult> send)
    {
        while (true)
        {
            var armed = Clock.WaitArmedAsync();
            if (await Task.WhenAny(send, armed).WaitAsync(HangGuard) == send)
            {
                return await send;
            }

            await PassNextWaitAsync();
        }
    }

    /// <summary>Waits for the sender to arm its next wait between attempts, then moves <see cref="Clock"/> on by it.</summary>
    public async Task<TimeSpan> PassNextWaitAsync()
    {
        await Clock.WaitArmedAsync().WaitAsync(HangGuard);
        if (!Clock.TryTakeArmedWait(out var wait))
        {
            throw new InvalidOperationException("A wait was armed but could not be taken.");
        }

        Clock.Advance(wait);
        return wait;
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
