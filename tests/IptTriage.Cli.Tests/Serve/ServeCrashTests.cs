using IptTriage.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IptTriage.Cli.Tests.Support;
using IptTriage.DurableTask.Sqlite.Hosting;
using IptTriage.Records.Sqlite;
using IptTriage.Triage;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace IptTriage.Cli.Tests.Serve;

/// <summary>Fault injection of the whole product: the real <c>iptriage serve</c> is sent referrals over HTTP (valid,
/// invalid, duplicate, unparseable, corrected) and killed with SIGKILL at random points, restarted, and sent again what
/// got no answer (as a client retries); then the data directory must hold everything the answers promised.</summary>
public sealed class ServeCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 3;
    private const int Submissions = 40;

    private static readonly HashSet<ReferralStatus> WaitingOnPerson =
        [ReferralStatus.Emergency, ReferralStatus.AwaitingReview, ReferralStatus.AwaitingClinic, ReferralStatus.Unplaced];

    private readonly TempDirectory data = new();
    private readonly StringBuilder logs = new();

    private enum Kind { Valid, Invalid, Duplicate, Unparseable, Corrected }

    private sealed record Submission(int Index, Kind Kind, string Body);

    [Fact]
    public async Task Serve_killed_at_random_points_and_restarted_keeps_every_answered_submission_and_every_promise()
    {
        if (OperatingSystem.IsWindows()) return; // SIGKILL and the data directory's file modes are Unix matters

        // The seed in use is printed, whether it came from CRASH_TEST_SEED or the clock, so a failure can be replayed.
        // It fixes the submissions and after which answer each kill comes; where inside the process it lands is the machine's.
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_TEST_SEED"), out var fixedSeed) ? fixedSeed : Environment.TickCount;
        output.WriteLine($"crash test seed: {seed} (set CRASH_TEST_SEED={seed} to replay)");
        var random = new Random(seed);
        var (coordinatorKey, intakeKey) = (NewKey(), NewKey());
        var environment = new Dictionary<string, string>
        {
            ["IPTRIAGE_Api__Keys__0__Key"] = coordinatorKey, ["IPTRIAGE_Api__Keys__0__Role"] = "coordinator",
            ["IPTRIAGE_Api__Keys__1__Key"] = intakeKey, ["IPTRIAGE_Api__Keys__1__Role"] = "intake",
        };
        var port = ServeProcess.FreeLoopbackPort();
        var answers = new Dictionary<int, (HttpStatusCode Status, string? ReferralId)>();
        var unsent = new List<Submission>(Plan(random));
        var unanswered = new List<Submission>();
        var resent = 0;

        for (var round = 0; round <= Kills; round++)
        {
            using var serve = await ServeProcess.StartAsync(port, data.Path, environment);
            using var client = Client(port, intakeKey);
            var last = round == Kills;
            var take = last ? unsent.Count : Math.Min(unsent.Count, random.Next(8, 13));
            // Whatever got no answer is sent again first, in its order: a corrected form after the invalid one it corrects.
            var batch = unanswered.Concat(unsent.Take(take)).ToList();
            unsent.RemoveRange(0, take);
            unanswered.Clear();
            var killAfter = last ? int.MaxValue : random.Next(1, batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                if (i == killAfter)
                {
                    // One more request in flight, and the kill a random moment later: it lands in a request, an
                    // activity or a commit, or between them.
                    var inFlight = SendAsync(client, batch[i]);
                    await Task.Delay(random.Next(0, 150));
                    await serve.KillAsync();
                    if (await inFlight is { } answer) answers[batch[i].Index] = answer; else unanswered.Add(batch[i]);
                    unanswered.AddRange(batch.Skip(i + 1));
                    resent += unanswered.Count;
                    break;
                }
                answers[batch[i].Index] = await SendAsync(client, batch[i])
                    ?? throw new InvalidOperationException($"Submission {batch[i].Index} got no answer from a running serve.");
            }
            if (last) await CheckWhileServingAsync(port, coordinatorKey, serve);
            lock (logs) logs.Append(serve.Output).Append(serve.Errors);
            if (last) (await serve.InterruptAsync()).Should().Be(ExitCodes.Success, serve.Errors);
        }

        var plan = answers.Keys.Order().Select(index => (Index: index, answers[index].Status, answers[index].ReferralId)).ToList();
        output.WriteLine("answers (submission:status): " + string.Join(", ", plan.Select(a => $"{a.Index}:{(int)a.Status}")));
        output.WriteLine($"{resent} submissions sent again after a kill");
        await CheckDataDirectoryAsync(answers);
    }

    /// <summary>Forty submissions: mostly valid samples under ids of their own, invalid ones, the same body again,
    /// bodies that are not JSON, and corrected forms under an earlier invalid one's id.</summary>
    private static List<Submission> Plan(Random random)
    {
        var valid = SampleFiles.ValidFormNames.Select(name => JsonNode.Parse(File.ReadAllText(SampleFiles.Valid(name)))!).ToList();
        var invalid = new[] { "phq9-item-out-of-range.json", "unknown-property.json", "leap-second-timestamp.json" }
            .Select(name => JsonNode.Parse(File.ReadAllText(SampleFiles.Invalid(name)))!).ToList();
        var plan = new List<Submission>();
        var invalidIds = new List<string>();
        var unparseable = 0;
        for (var index = 0; index < Submissions; index++)
        {
            var id = $"CRASH-{index:000}";
            var roll = random.Next(100);
            Submission next = roll switch
            {
                // At most five: each becomes a referral and an alert, and serve caps them per key per minute.
                < 8 when unparseable++ < 5 => new(index, Kind.Unparseable, "{\"referralId\": \"CRASH-" + index + "\", \"client\": "),
                < 20 when plan.Count > 0 => new(index, Kind.Duplicate, plan[random.Next(plan.Count)].Body),
                < 35 => new(index, Kind.Invalid, WithId(invalid[random.Next(invalid.Count)], id)),
                < 42 when invalidIds.Count > 0 => new(index, Kind.Corrected, WithId(valid[random.Next(valid.Count)], invalidIds[random.Next(invalidIds.Count)])),
                _ => new(index, Kind.Valid, WithId(valid[random.Next(valid.Count)], id)),
            };
            if (next.Kind == Kind.Invalid) invalidIds.Add(id);
            plan.Add(next);
        }
        return plan;
    }

    private static string WithId(JsonNode form, string referralId)
    {
        var copy = form.DeepClone();
        copy["referralId"] = referralId;
        return copy.ToJsonString();
    }

    /// <summary>The answer, or null when the process died before giving one (the client does not know what happened).</summary>
    private static async Task<(HttpStatusCode, string?)?> SendAsync(HttpClient client, Submission submission)
    {
        try
        {
            using var response = await client.PostAsync("/api/referrals", new StringContent(submission.Body, Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            var referralId = body.Length > 0 && JsonNode.Parse(body) is JsonObject json ? json["referralId"]?.GetValue<string>() : null;
            return (response.StatusCode, referralId);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Once the workflow has done all it can without people: worklists and capacity, through the API.</summary>
    private async Task CheckWhileServingAsync(int port, string coordinatorKey, ServeProcess serve)
    {
        await WaitUntilQuietAsync(serve);
        using var coordinator = Client(port, coordinatorKey);
        var reviews = (await coordinator.GetFromJsonAsync<JsonArray>("/api/reviews"))!.Select(item => item!["referralId"]!.GetValue<string>()).ToHashSet();
        var records = await SqliteRecordStore.OpenAsync(Path.Combine(data.Path, "records.db"));
        (await records.ListAsync(ReferralStatus.AwaitingReview)).Select(r => r.ReferralId).Should().BeSubsetOf(reviews,
            "every referral awaiting review is on the coordinators' worklist");
        foreach (var clinic in (await coordinator.GetFromJsonAsync<JsonArray>("/api/clinics"))!)
            clinic!["inUse"]!.GetValue<int>().Should().BeLessThanOrEqualTo(clinic["capacity"]!.GetValue<int>(), $"clinic {clinic["id"]} is not over capacity");
    }

    /// <summary>Quiet: no activity waiting to run and no message due within ten minutes (the activities' retry timers are
    /// shorter; the deadlines that wait on people are longer). Read straight from the durable store, which serve holds.</summary>
    private async Task WaitUntilQuietAsync(ServeProcess serve)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "durable.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(guard.Token);
        while (true)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM messages WHERE visible_at <= $soon)";
            command.Parameters.AddWithValue("$soon", DateTime.UtcNow.AddMinutes(10).Ticks);
            if ((long)(await command.ExecuteScalarAsync(guard.Token))! == 0) return;
            guard.Token.ThrowIfCancellationRequested();
            await Task.Delay(200, guard.Token);
        }
    }

    private async Task CheckDataDirectoryAsync(Dictionary<int, (HttpStatusCode Status, string? ReferralId)> answers)
    {
        answers.Values.Should().OnlyContain(a => a.Status == HttpStatusCode.Accepted || a.Status == HttpStatusCode.BadRequest || a.Status == HttpStatusCode.Conflict,
            "a submission is taken (202), refused as invalid (400) or finds its id taken (409); never a 5xx");
        var accepted = answers.Values.Where(a => a.Status == HttpStatusCode.Accepted).Select(a => a.ReferralId!).ToHashSet();
        var refused = answers.Values.Where(a => a.Status == HttpStatusCode.BadRequest && a.ReferralId is not null).Select(a => a.ReferralId!)
            .Where(id => !accepted.Contains(id)).ToHashSet();
        accepted.Should().NotBeEmpty();

        var records = await SqliteRecordStore.OpenAsync(Path.Combine(data.Path, "records.db"));
        await using var services = new ServiceCollection()
            .AddDurableTaskClient(builder => builder.UseSqlite(options => options.DatabasePath = Path.Combine(data.Path, "durable.db")))
            .BuildServiceProvider();
        var durable = services.GetRequiredService<DurableTaskClient>();

        foreach (var id in accepted)
        {
            var record = await records.FindAsync(id);
            record.Should().NotBeNull($"{id} was answered 202");
            record!.Status.Should().NotBe(ReferralStatus.Received, $"{id} was screened").And.NotBe(ReferralStatus.Invalid);
            record.DecisionJson.Should().NotBeNull($"{id} has its decision");
            (await records.ReadAuditAsync(id)).Count(entry => entry.Step == AuditStep.Screened).Should().Be(1, $"{id} has its audit trail, its screening audited once");
            var instance = await durable.GetInstanceAsync(id);
            instance.Should().NotBeNull($"{id} has its orchestration");
            instance!.RuntimeStatus.Should().BeOneOf([OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed], id);
            if (WaitingOnPerson.Contains(record.Status)) instance.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running,
                $"{id} waits on a person ({record.Status}), whose answer reaches it");
        }
        foreach (var id in refused)
        {
            (await records.FindAsync(id))!.Status.Should().Be(ReferralStatus.Invalid, $"{id} was answered 400");
            (await records.ReadAuditAsync(id)).Select(entry => entry.Step).Should().StartWith([AuditStep.Invalid, AuditStep.Notified], $"{id} was recorded and alerted");
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: true);
            instance!.ReadOutputAs<ReferralStatus>().Should().Be(ReferralStatus.Invalid, $"{id}'s own orchestration recorded it");
        }
        (await records.ListAsync(ReferralStatus.Received)).Should().BeEmpty("every stored form was started, by its first delivery or a redelivery");
        foreach (var status in WaitingOnPerson)
            foreach (var waiting in await records.ListAsync(status))
                (await durable.GetInstanceAsync(waiting.ReferralId))!.RuntimeStatus.Should().Be(OrchestrationRuntimeStatus.Running,
                    $"{waiting.ReferralId} waits on a person ({status}) and is listed under that status");

        await CheckEmailsAgainstAuditAsync(records, [.. accepted, .. refused]);
        await CheckNothingPersonalAsync();
    }

    /// <summary>The outbox (each <c>.eml</c> names its referral and kind), the notification log and the audit trail.</summary>
    private async Task CheckEmailsAgainstAuditAsync(SqliteRecordStore records, IReadOnlyList<string> referralIds)
    {
        var emails = Directory.GetFiles(Path.Combine(data.Path, "outbox"), "*.eml").Select(File.ReadAllText)
            .Select(eml => (ReferralId: CustomArg(eml, "referralId"), Kind: CustomArg(eml, "kind"))).ToList();
        foreach (var id in referralIds)
        {
            var notices = await records.ListNotificationsAsync(id);
            notices.Should().NotContain(n => n.State == DeliveryState.Pending, $"{id}: every claimed email was sent or failed once quiet");
            var audit = await records.ReadAuditAsync(id);
            foreach (var kind in notices.Where(n => n.State == DeliveryState.Sent).GroupBy(n => n.Kind))
            {
                var sent = kind.Count();
                emails.Count(e => e.ReferralId == id && e.Kind == kind.Key).Should().BeGreaterThanOrEqualTo(sent,
                    $"each {kind.Key} email {id}'s log says was sent is in the outbox (a resend after a kill mid-send may add one)");
                var audited = audit.Count(entry => entry.Step == AuditStep.Notified && entry.NotificationKind is { } notice && WireCode.Of(notice) == kind.Key);
                audited.Should().Be(sent, $"{id}: each sent {kind.Key} email has exactly one audit entry (log outcome and audit commit together)");
            }
        }
    }

    private static string? CustomArg(string eml, string name) => eml.Split('\n')
        .Select(line => line.TrimEnd('\r'))
        .FirstOrDefault(line => line.StartsWith($"X-Custom-Arg: {name}=", StringComparison.Ordinal))?[$"X-Custom-Arg: {name}=".Length..];

    /// <summary>The sample forms' names, addresses and dates of birth, in serve's output and the durable store's files.</summary>
    private async Task CheckNothingPersonalAsync()
    {
        var personal = SampleFiles.ValidFormNames.Select(name => JsonNode.Parse(File.ReadAllText(SampleFiles.Valid(name)))!)
            .SelectMany(form => new[]
            {
                form["client"]?["givenName"], form["client"]?["familyName"], form["client"]?["email"], form["client"]?["dateOfBirth"],
                form["referrer"]?["name"], form["referrer"]?["email"],
            })
            .Select(value => value?.GetValue<string>()).OfType<string>().Distinct().ToList();
        personal.Should().HaveCountGreaterThan(50);
        string text;
        lock (logs) text = logs.ToString();
        text.Should().NotContainAny(personal, "serve's logs carry ids and codes only");

        // The database and its write-ahead log; the .lock file holds nothing and is held by the client.
        foreach (var file in new[] { "durable.db", "durable.db-wal" }.Select(name => Path.Combine(data.Path, name)).Where(File.Exists))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var value in personal)
            {
                // As stored in protobuf strings (UTF-8) and in the JSON inputs and outputs (escaped).
                foreach (var form in new[] { value, JsonSerializer.Serialize(value)[1..^1] })
                    bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)).Should().Be(-1, $"{Path.GetFileName(file)} holds no personal data");
            }
        }
    }

    private static HttpClient Client(int port, string key) =>
        new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), DefaultRequestHeaders = { { "X-Api-Key", key } }, Timeout = TimeSpan.FromSeconds(60) };

    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools(); // the record store's pooled connections hold the files open
        data.Dispose();
    }
}
