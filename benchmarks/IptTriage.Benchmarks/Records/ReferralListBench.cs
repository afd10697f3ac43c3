using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using IptTriage.Records.Postgres;
using IptTriage.Records.Sqlite;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Records;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace IptTriage.Benchmarks.Records;

/// <summary>
/// <c>referral-list [--referrals 100000] [--runs 30] [--postgres CONNECTION_STRING] [--directory DIR]</c>: the referral
/// list's queries (<see cref="IReferralStore.QueryAsync"/>: filtered pages, searches, a page deep in the list) on a SQLite
/// file and a PostgreSQL database each holding the same N referrals, side by side in one run. The rows are loaded in
/// bulk by SQL (with the search terms the stores write, <see cref="SearchTerms.OfForm"/>), then each query runs
/// <c>--runs</c> times after two warm-ups through the store; the median and the slowest are printed per store; then the
/// coordinators' home's calls (<see cref="IReferralStore.SummarizeWorklistsAsync"/> and a tab's page), the same way. The
/// PostgreSQL database must be empty (its schema is made by the store); without <c>--postgres</c> only SQLite runs.
/// </summary>
public static class ReferralListBench
{
    private static readonly string[] GivenNames =
    [
        "Zoë", "Lucía", "María José", "Anna", "Mary Ann", "Oliver", "Amelia", "Noah", "Isla", "Jack", "Ava", "Leo", "Mia", "Oscar", "Ivy", "Arthur",
        "Freya", "Theo", "Ella", "Finn", "Chloé", "Søren", "Agnieszka", "Łucja", "Mateo", "Aoife", "Siobhán", "Kwame", "Amara", "Yusuf", "Fatima",
        "Priya", "Arjun", "Mei", "Hiroshi", "Olga", "Dmitri", "Inés", "Björn", "Élodie",
    ];

    private static readonly string[] FamilyNames =
    [
        "Smith", "García", "Núñez-García", "O'Brien", "Jones", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin",
        "Jackson", "Clarke", "Fernández", "Kowalski", "Nowak", "Müller", "Schmidt", "Dubois", "Rossi", "Mensah", "Okafor", "Khan", "Patel",
    ];

    private static readonly string[] Clinics =
        ["northbridge-ipt", "southgate-mood", "eastside-young-people", "westfield-community", "lumen-telehealth", "harbour-crisis", "riverside-specialist"];

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>"Now" for the overdue filter: within the received range, so some deadlines are past and some are not.</summary>
    private static readonly DateTimeOffset Now = Start.AddDays(700);

    public static int Run(string[] args)
    {
        try
        {
            return RunAsync(BenchOptions.Parse(args, "referrals", "runs", "postgres", "directory")).GetAwaiter().GetResult();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: referral-list [--referrals N] [--runs N] [--postgres CONNECTION_STRING] [--directory DIR]");
            return 2;
        }
    }

    private static async Task<int> RunAsync(BenchOptions options)
    {
        var count = options.Number("referrals", 100_000);
        var runs = options.Number("runs", 30);
        var postgres = options.Text("postgres", "");
        var directory = options.Text("directory", Path.Combine(Path.GetTempPath(), $"iptriage-list-bench-{Guid.NewGuid():N}"));
        var referrals = Make(count);
        var stores = new List<(string Name, IRecordStore Store)>();

        var sqlitePath = Path.Combine(directory, "records.db");
        var sqlite = await SqliteRecordStore.OpenAsync(sqlitePath);
        var load = Stopwatch.StartNew();
        await LoadSqliteAsync(sqlitePath, referrals);
        Console.WriteLine($"SQLite: {count:N0} referrals loaded in {load.Elapsed.TotalSeconds:F1} s ({new FileInfo(sqlitePath).Length / 1e6:F0} MB)");
        stores.Add(("SQLite", sqlite));
        if (postgres.Length > 0)
        {
            var store = await PostgresRecordStore.OpenAsync(postgres);
            load.Restart();
            await LoadPostgresAsync(postgres, referrals);
            Console.WriteLine($"PostgreSQL: {count:N0} referrals loaded in {load.Elapsed.TotalSeconds:F1} s");
            stores.Add(("PostgreSQL", store));
        }

        var middle = referrals[count / 2];
        var queries = new (string What, ReferralQuery Query)[]
        {
            ("first page, received order", new ReferralQuery(ReferralSort.Received, 51)),
            ("status=awaiting-clinic, due order", new ReferralQuery(ReferralSort.Due, 51, Status: ReferralStatus.AwaitingClinic)),
            ("urgency=urgent, overdue, urgency order", new ReferralQuery(ReferralSort.Urgency, 51, Urgency: Urgency.Urgent, OverdueAt: Now)),
            ("status=placed, due order", new ReferralQuery(ReferralSort.Due, 51, Status: ReferralStatus.Placed)),
            ("status=unplaced, urgency order", new ReferralQuery(ReferralSort.Urgency, 51, Status: ReferralStatus.Unplaced)),
            ("clinic + status=placed, received order", new ReferralQuery(ReferralSort.Received, 51, Status: ReferralStatus.Placed, ClinicId: "lumen-telehealth")),
            ("assignedTo, due order", new ReferralQuery(ReferralSort.Due, 51) { AssignedTo = "coordinator-07" }),
            ("status + received range, received order", new ReferralQuery(ReferralSort.Received, 51, Status: ReferralStatus.Unplaced, ReceivedFrom: Start.AddDays(300), ReceivedTo: Start.AddDays(330))),
            ("a page in the middle (cursor), urgency order", new ReferralQuery(ReferralSort.Urgency, 51, ReferralQuery.KeyOf(Record(middle), ReferralSort.Urgency))),
            ("search: family name prefix 'smi'", Search("smi")),
            ("search: given + family 'zoe nunez'", Search("zoe nunez")),
            ("search: date of birth", Search(middle.DateOfBirth)),
            ("search: referral id prefix", Search(middle.Id[..^2])),
            ("search 'garcia' + status=placed, due order", new ReferralQuery(ReferralSort.Due, 51, Status: ReferralStatus.Placed) { Search = ReferralSearch.Of("garcia") }),
        };

        Console.WriteLine();
        Console.WriteLine($"| Query (page of 50) | {string.Join(" | ", stores.Select(s => $"{s.Name} median | {s.Name} slowest | rows"))} |");
        Console.WriteLine($"|---|{string.Concat(stores.Select(_ => "---:|---:|---:|"))}");
        foreach (var (what, query) in queries)
        {
            var cells = new List<string>();
            foreach (var (_, store) in stores)
            {
                var (median, slowest, rows) = await TimeAsync(store, query, runs);
                cells.AddRange([$"{median:F2} ms", $"{slowest:F2} ms", rows.ToString(CultureInfo.InvariantCulture)]);
            }
            Console.WriteLine($"| {what} | {string.Join(" | ", cells)} |");
        }
        Console.WriteLine();
        Console.WriteLine("The coordinators' home (GET /api/worklists, then the open tab's page of 100 + 1):");
        Console.WriteLine();
        Console.WriteLine($"| Home call | {string.Join(" | ", stores.Select(s => $"{s.Name} median | {s.Name} slowest"))} |");
        Console.WriteLine($"|---|{string.Concat(stores.Select(_ => "---:|---:|"))}");
        var tab = new ReferralQuery(ReferralSort.Due, 101, Status: ReferralStatus.AwaitingReview);
        var homeCalls = new (string What, Func<IRecordStore, Task> Call)[]
        {
            ("worklists: counts, 100 open emergencies with alert and escalations", store => store.SummarizeWorklistsAsync(Now, "coordinator-07", 100)),
            ("a tab: status=awaiting-review, due order, 101 rows", store => store.QueryAsync(tab)),
            ("a tab: assignedTo=me, due order, 101 rows", store => store.QueryAsync(new ReferralQuery(ReferralSort.Due, 101) { AssignedTo = "coordinator-07" })),
            ("home load: worklists + reviews tab", async store => { await store.SummarizeWorklistsAsync(Now, "coordinator-07", 100); await store.QueryAsync(tab); }),
        };
        foreach (var (what, call) in homeCalls)
        {
            var cells = new List<string>();
            foreach (var (_, store) in stores)
            {
                var (median, slowest) = await TimeAsync(() => call(store), runs);
                cells.AddRange([$"{median:F2} ms", $"{slowest:F2} ms"]);
            }
            Console.WriteLine($"| {what} | {string.Join(" | ", cells)} |");
        }
        Console.WriteLine();
        Console.WriteLine($"runs per query: {runs} (after 2 warm-ups); load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        if (options.Text("directory", "").Length == 0) Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static ReferralQuery Search(string text) => new(ReferralSort.Received, 51) { Search = ReferralSearch.Of(text) };

    private static async Task<(double Median, double Slowest, int Rows)> TimeAsync(IRecordStore store, ReferralQuery query, int runs)
    {
        var rows = 0;
        for (var i = 0; i < 2; i++) rows = (await store.QueryAsync(query)).Count;
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            rows = (await store.QueryAsync(query)).Count;
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[^1], rows);
    }

    private static async Task<(double Median, double Slowest)> TimeAsync(Func<Task> call, int runs)
    {
        for (var i = 0; i < 2; i++) await call();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await call();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return (times[runs / 2], times[^1]);
    }

    /// <summary>The audit and notification rows the worklists read: every referral's screening and its
    /// acknowledgement email, and an emergency's alert and the supervisor escalations it has had (0 to 8).</summary>
    private static IEnumerable<(string Step, DateTimeOffset At)> AuditOf(BenchReferral referral)
    {
        yield return ("screened", referral.ReceivedAt.AddSeconds(1));
        if (referral.Status == ReferralStatus.Emergency) yield return ("emergency", referral.ReceivedAt.AddSeconds(2));
    }

    private static IEnumerable<(string Key, string Kind, DateTimeOffset At)> NotificationsOf(BenchReferral referral)
    {
        yield return ($"{referral.Id}/client-received/0", "client-received", referral.ReceivedAt.AddSeconds(3));
        if (referral.Status != ReferralStatus.Emergency) yield break;
        yield return ($"{referral.Id}/crisis-team-alert/0", "crisis-team-alert", referral.ReceivedAt.AddSeconds(3));
        for (var i = 1; i <= referral.ReceivedAt.Minute % 9; i++)
            yield return ($"{referral.Id}/supervisor-escalation/{i}", "supervisor-escalation", referral.ReceivedAt.AddMinutes(15 * i));
    }

    private sealed record BenchReferral(
        string Id, ReferralStatus Status, DateTimeOffset ReceivedAt, Urgency? Urgency, Pathway? Pathway, string? ClinicId, DateTimeOffset? DueAt,
        string? Assignee, string DateOfBirth, byte[] Form);

    private static ReferralRecord Record(BenchReferral referral) => new(
        referral.Id, referral.Status, referral.ReceivedAt, referral.ReceivedAt,
        referral.Urgency is { } urgency ? new Routing(Outcome.Routed, referral.Pathway!.Value, null, [], urgency, "bench") : null,
        null, referral.ClinicId, referral.DueAt);

    /// <summary>N referrals spread over two years, with the mix of statuses, urgencies, clinics, deadlines and
    /// assignees a busy service has; a fixed seed, so every run and both stores hold the same rows.</summary>
    private static List<BenchReferral> Make(int count)
    {
        var random = new Random(12);
        var referrals = new List<BenchReferral>(count);
        for (var i = 0; i < count; i++)
        {
            var received = Start.AddMinutes(i * (1_051_200.0 / count)).AddSeconds(random.Next(60));
            var status = random.Next(100) switch
            {
                < 1 => ReferralStatus.Emergency,
                < 4 => ReferralStatus.Invalid,
                < 14 => ReferralStatus.AwaitingReview,
                < 29 => ReferralStatus.AwaitingClinic,
                < 69 => ReferralStatus.Placed,
                < 89 => ReferralStatus.Unplaced,
                _ => ReferralStatus.Closed,
            };
            var screened = status != ReferralStatus.Invalid;
            var urgency = !screened ? (Urgency?)null : status == ReferralStatus.Emergency ? Urgency.Emergency : random.Next(100) < 22 ? Urgency.Urgent : Urgency.Routine;
            var pathway = !screened ? (Pathway?)null : random.Next(100) switch { < 70 => Pathway.Ipt, < 85 => Pathway.IptWithMedication, _ => Pathway.Alternative };
            var clinic = status is ReferralStatus.AwaitingClinic or ReferralStatus.Placed ? Clinics[random.Next(Clinics.Length)] : null;
            var due = status is ReferralStatus.AwaitingClinic or ReferralStatus.AwaitingReview or ReferralStatus.Emergency
                ? received.AddHours(random.Next(4, 96)) : (DateTimeOffset?)null;
            var assignee = random.Next(100) < 30 ? $"coordinator-{random.Next(20):D2}" : null;
            var born = new DateOnly(1940, 1, 1).AddDays(random.Next(365 * 65)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var form = JsonSerializer.SerializeToUtf8Bytes(new
            {
                referralId = $"BENCH-{i:D7}",
                client = new { givenName = GivenNames[random.Next(GivenNames.Length)], familyName = FamilyNames[random.Next(FamilyNames.Length)], dateOfBirth = born },
                presentation = new { summary = new string('x', 600) },
            });
            referrals.Add(new BenchReferral($"BENCH-{i:D7}", status, received, urgency, pathway, clinic, due, assignee, born, form));
        }
        return referrals;
    }

    private const string InsertReferral =
        """
        INSERT INTO referrals (referral_id, status, received_at, updated_at, form, outcome, pathway, adaptations, urgency, policy_version, clinic_id, due_at, assignee)
        VALUES ({0}id, {0}status, {0}at, {0}at, {0}form, {0}outcome, {0}pathway, {0}adaptations, {0}urgency, {0}policy, {0}clinic, {0}due, {0}assignee)
        """;

    private static async Task LoadSqliteAsync(string path, List<BenchReferral> referrals)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var referral = connection.CreateCommand();
        referral.CommandText = string.Format(CultureInfo.InvariantCulture, InsertReferral, "$");
        foreach (var name in (string[])["id", "status", "at", "form", "outcome", "pathway", "adaptations", "urgency", "policy", "clinic", "due", "assignee"])
            referral.Parameters.Add(new SqliteParameter("$" + name, null));
        await using var term = connection.CreateCommand();
        term.CommandText = "INSERT OR IGNORE INTO referral_search (term, referral_id) VALUES ($term, $id)";
        term.Parameters.Add(new SqliteParameter("$term", null));
        term.Parameters.Add(new SqliteParameter("$id", null));
        await using var audit = connection.CreateCommand();
        audit.CommandText = "INSERT INTO audit (referral_id, at, step, actor, rules) VALUES ($id, $at, $step, 'system', '')";
        foreach (var name in (string[])["$id", "$at", "$step"]) audit.Parameters.Add(new SqliteParameter(name, null));
        await using var notification = connection.CreateCommand();
        notification.CommandText = "INSERT INTO notifications (key, referral_id, kind, recipient_hash, state, at) VALUES ($key, $id, $kind, 'hmac-sha256:bench', 'sent', $at)";
        foreach (var name in (string[])["$key", "$id", "$kind", "$at"]) notification.Parameters.Add(new SqliteParameter(name, null));
        foreach (var r in referrals)
        {
            object?[] values = [r.Id, WireCode.Of(r.Status), Time(r.ReceivedAt), r.Form, r.Urgency is null ? null : "routed", Code(r.Pathway), r.Urgency is null ? null : "",
                Code(r.Urgency), r.Urgency is null ? null : "bench", r.ClinicId, r.DueAt is { } due ? Time(due) : null, r.Assignee];
            for (var i = 0; i < values.Length; i++) referral.Parameters[i].Value = values[i] ?? DBNull.Value;
            await referral.ExecuteNonQueryAsync();
            foreach (var searchTerm in SearchTerms.OfForm(r.Form))
            {
                term.Parameters[0].Value = searchTerm;
                term.Parameters[1].Value = r.Id;
                await term.ExecuteNonQueryAsync();
            }
            foreach (var (step, at) in AuditOf(r))
            {
                audit.Parameters[0].Value = r.Id;
                audit.Parameters[1].Value = Time(at);
                audit.Parameters[2].Value = step;
                await audit.ExecuteNonQueryAsync();
            }
            foreach (var (key, kind, at) in NotificationsOf(r))
            {
                notification.Parameters[0].Value = key;
                notification.Parameters[1].Value = r.Id;
                notification.Parameters[2].Value = kind;
                notification.Parameters[3].Value = Time(at);
                await notification.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
        await using var analyze = connection.CreateCommand();
        analyze.CommandText = "ANALYZE";
        await analyze.ExecuteNonQueryAsync();
    }

    private static async Task LoadPostgresAsync(string connectionString, List<BenchReferral> referrals)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var import = await connection.BeginBinaryImportAsync(
            "COPY referrals (referral_id, status, received_at, updated_at, form, outcome, pathway, adaptations, urgency, policy_version, clinic_id, due_at, assignee) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in referrals)
            {
                await import.StartRowAsync();
                await import.WriteAsync(r.Id);
                await import.WriteAsync(WireCode.Of(r.Status));
                await import.WriteAsync(r.ReceivedAt);
                await import.WriteAsync(r.ReceivedAt);
                await import.WriteAsync(r.Form);
                await import.WriteAsync(r.Urgency is null ? null : "routed");
                await import.WriteAsync(Code(r.Pathway));
                await import.WriteAsync(r.Urgency is null ? null : Array.Empty<string>());
                await import.WriteAsync(Code(r.Urgency));
                await import.WriteAsync(r.Urgency is null ? null : "bench");
                await import.WriteAsync(r.ClinicId);
                await import.WriteAsync(r.DueAt);
                await import.WriteAsync(r.Assignee);
            }
            await import.CompleteAsync();
        }
        await using (var import = await connection.BeginBinaryImportAsync("COPY referral_search (term, referral_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in referrals)
                foreach (var searchTerm in SearchTerms.OfForm(r.Form))
                    await import.WriteRowAsync(default, searchTerm, r.Id);
            await import.CompleteAsync();
        }
        await using (var import = await connection.BeginBinaryImportAsync("COPY audit (referral_id, at, step, actor, rules) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in referrals)
                foreach (var (step, at) in AuditOf(r))
                    await import.WriteRowAsync(default, r.Id, at, step, "system", Array.Empty<string>());
            await import.CompleteAsync();
        }
        await using (var import = await connection.BeginBinaryImportAsync("COPY notifications (key, referral_id, kind, recipient_hash, state, at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in referrals)
                foreach (var (key, kind, at) in NotificationsOf(r))
                    await import.WriteRowAsync(default, key, r.Id, kind, "hmac-sha256:bench", "sent", at);
            await import.CompleteAsync();
        }
        // VACUUM as autovacuum would have by then: it sets the visibility map that index-only scans (the counts) rely on.
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync();
    }

    private static string? Code<TEnum>(TEnum? value) where TEnum : struct, Enum => value is { } code ? WireCode.Of(code) : null;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
