using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IptTriage.AzureQueues;
using IptTriage.Hosting;
using IptTriage.Hosting.Intake;
using IptTriage.Triage;
using IptTriage.Workflow.Intake;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.Benchmarks.Workflow;

/// <summary>
/// The referral workflow on the local installation (<c>AddIptTriage</c>: SQLite records and engine, email outbox), with
/// clinic capacity raised so that every referral a clinic can take gets an offer.
/// <c>workflow latency [--forms 300] [--rate 10] [--connection-string UseDevelopmentStorage=true]</c>: forms put on the
/// intake queue (a running Azurite or storage account) at a steady rate; time from put to the screening decision and
/// to the clinic's notice. <c>workflow backlog [--referrals 10000] [--parallel 16]</c>: referrals submitted at once
/// through intake; time until every one waits on people.
/// </summary>
public static class WorkflowBench
{
    /// <summary>Where a referral waits for a person (or is finished): the workflow has done all it can alone.</summary>
    private static readonly ReferralStatus[] WaitingOnPeople =
    [
        ReferralStatus.Emergency, ReferralStatus.AwaitingReview, ReferralStatus.AwaitingClinic, ReferralStatus.Unplaced,
        ReferralStatus.Placed, ReferralStatus.Closed, ReferralStatus.Invalid,
    ];

    public static int Run(string[] args)
    {
        try
        {
            return args switch
            {
                ["latency", .. var rest] => LatencyAsync(BenchOptions.Parse(rest, "forms", "rate", "connection-string")).GetAwaiter().GetResult(),
                ["backlog", .. var rest] => BacklogAsync(BenchOptions.Parse(rest, "referrals", "parallel")).GetAwaiter().GetResult(),
                _ => throw new ArgumentException("Expected 'latency' or 'backlog'."),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: workflow latency [--forms N] [--rate PER_SECOND] [--connection-string S]");
            Console.Error.WriteLine("       workflow backlog [--referrals N] [--parallel N]");
            return 2;
        }
    }

    private static async Task<int> LatencyAsync(BenchOptions options)
    {
        var count = options.Number("forms", 300);
        var rate = options.Number("rate", 10);
        var connectionString = options.Text("connection-string", "UseDevelopmentStorage=true");
        var queueName = $"bench-intake-{Guid.NewGuid():N}";
        var forms = BenchReferrals.Make(count);
        var producer = QueueConnection.FromConnectionString(connectionString).CreateClient(NullLogger.Instance).GetQueueClient(queueName);
        await producer.CreateIfNotExistsAsync();

        await using var run = await BenchHost.StartAsync(new()
        {
            ["AzureQueues:ConnectionString"] = connectionString,
            ["Intake:Queue:QueueName"] = queueName,
        });
        var enqueuedAt = new DateTimeOffset[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero) await Task.Delay(due);
            enqueuedAt[i] = DateTimeOffset.UtcNow;
            await producer.SendMessageAsync(Encoding.UTF8.GetString(forms[i]));
        }

        await run.WaitUntilAllWaitOnPeopleAsync(count);
        var records = run.Records;
        var clinicNotice = WireCode.Of(NotificationKind.ClinicCaseOffered);
        var toDecision = new List<double>();
        var toClinicNotice = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var id = BenchReferrals.Id(i);
            var screened = (await records.ReadAuditAsync(id)).First(entry => entry.Step == AuditStep.Screened);
            toDecision.Add((screened.At - enqueuedAt[i]).TotalMilliseconds);
            if ((await records.ListNotificationsAsync(id)).FirstOrDefault(n => n.Kind == clinicNotice) is { } notice)
                toClinicNotice.Add((notice.At - enqueuedAt[i]).TotalMilliseconds);
        }

        await producer.ClearMessagesAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            forms={count} rate={rate}/s queue={queueName}
            put over            : {clock.Elapsed.TotalSeconds:F1} s
            enqueue -> screened : {Summary(toDecision)}
            enqueue -> clinic notice: {Summary(toClinicNotice)}
            peak working set    : {BenchOptions.PeakMegabytes():F0} MB
            """));
        return 0;
    }

    private static async Task<int> BacklogAsync(BenchOptions options)
    {
        var count = options.Number("referrals", 10_000);
        var parallel = options.Number("parallel", 16);
        var forms = BenchReferrals.Make(count);

        await using var run = await BenchHost.StartAsync([]);
        var intake = run.Services.GetRequiredService<ReferralIntake>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(forms, new ParallelOptions { MaxDegreeOfParallelism = parallel },
            async (form, ct) => await intake.SubmitAsync(form, "bench", ct));
        var submitted = clock.Elapsed;
        await run.WaitUntilAllWaitOnPeopleAsync(count);
        var elapsed = clock.Elapsed;

        var byStatus = new List<string>();
        foreach (var status in WaitingOnPeople)
        {
            var n = (await run.Records.ListAsync(status)).Count;
            if (n > 0) byStatus.Add($"{WireCode.Of(status)} {n}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            referrals={count} parallel submitters={parallel}
            all submitted after : {submitted.TotalSeconds:F1} s
            all waiting on people after: {elapsed.TotalSeconds:F1} s
            referrals/s         : {count / elapsed.TotalSeconds:F0}
            statuses            : {string.Join(", ", byStatus)}
            outbox emails       : {Directory.GetFiles(run.OutboxPath, "*.eml").Length}
            peak working set    : {BenchOptions.PeakMegabytes():F0} MB
            """));
        return 0;
    }

    private static string Summary(List<double> milliseconds)
    {
        if (milliseconds.Count == 0) return "none";
        milliseconds.Sort();
        double At(double quantile) => milliseconds[(int)Math.Min(milliseconds.Count - 1, Math.Ceiling(quantile * milliseconds.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture,
            $"n={milliseconds.Count} median {At(0.5):F0} ms, p99 {At(0.99):F0} ms, max {milliseconds[^1]:F0} ms");
    }


    /// <summary>The local installation on a temporary data directory, logging only warnings.</summary>
    private sealed class BenchHost : IAsyncDisposable
    {
        private readonly IHost host;
        private readonly DirectoryInfo directory;

        private BenchHost(IHost host, DirectoryInfo directory) => (this.host, this.directory) = (host, directory);

        public IServiceProvider Services => host.Services;

        public IRecordStore Records => host.Services.GetRequiredService<IRecordStore>();

        public string OutboxPath => Path.Combine(directory.FullName, "outbox");

        public static async Task<BenchHost> StartAsync(Dictionary<string, string?> settings)
        {
            var directory = Directory.CreateTempSubdirectory("ipt-workflow-bench-");
            var clinics = Path.Combine(directory.FullName, "clinics.json");
            await File.WriteAllTextAsync(clinics, UnlimitedCapacity(Path.Combine(AppContext.BaseDirectory, "samples", "clinics.json")));
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["IptTriage:DataDirectory"] = directory.FullName,
                    ["IptTriage:ClinicsPath"] = clinics,
                })
                .AddInMemoryCollection(settings)
                .Build();
            var builder = Host.CreateApplicationBuilder();
            builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
            builder.Services.AddIptTriage(configuration).AddIntakeSources(configuration);
            var host = builder.Build();
            await host.StartAsync();
            return new BenchHost(host, directory);
        }

        public async Task WaitUntilAllWaitOnPeopleAsync(int count)
        {
            while (true)
            {
                var waiting = 0;
                foreach (var status in WaitingOnPeople) waiting += (await Records.ListAsync(status)).Count;
                if (waiting >= count) return;
                await Task.Delay(250);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }

        private static string UnlimitedCapacity(string path)
        {
            var directory = JsonNode.Parse(File.ReadAllText(path))!;
            foreach (var clinic in directory["clinics"]!.AsArray()) clinic!["capacity"] = 1_000_000;
            return directory.ToJsonString();
        }
    }
}
