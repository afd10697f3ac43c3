using System.Diagnostics;
using System.Globalization;
using IptTriage.Records.Sqlite;
using Microsoft.Data.Sqlite;

namespace IptTriage.Benchmarks.Screening;

/// <summary>
/// <c>what-if --cli PATH --corpus FILE [--policy FILE] [--runs 2] [--data DIR [--api PORT]]</c>: <c>iptriage screen</c> and
/// <c>iptriage policy what-if</c> over the same JSON Lines corpus (<see cref="MakeCorpus"/>), alternately, each a
/// process of its own timed by <c>/usr/bin/time</c> (wall, user and system CPU, peak resident set), output to
/// <c>/dev/null</c>. With <c>--data DIR</c>, also the what-if over the same forms stored in DIR's records.db (filled
/// from the corpus first if it has none); with <c>--api PORT</c> as well, <c>POST /api/policy/what-if</c> to an
/// <c>iptriage serve</c> over that data directory, timed by the server process's own CPU time and peak resident set.
/// </summary>
public static class WhatIfBench
{
    private sealed record Timing(string What, double WallSeconds, double UserSeconds, double SystemSeconds, double PeakMegabytes)
    {
        public double CpuSeconds => UserSeconds + SystemSeconds;
    }

    public static int Run(IReadOnlyList<string> args)
    {
        try
        {
            var options = BenchOptions.Parse(args, "cli", "corpus", "policy", "runs", "data", "api");
            var cli = Path.GetFullPath(options.Text("cli", ""));
            var corpus = Path.GetFullPath(options.Text("corpus", ""));
            if (!File.Exists(cli) || !File.Exists(corpus)) throw new ArgumentException("--cli and --corpus must name existing files.");
            var policy = Path.GetFullPath(options.Text("policy", Path.Combine(AppContext.BaseDirectory, "samples", "policy", "tuned-clinic.json")));
            var data = options.Text("data", "");
            var forms = CountLines(corpus);
            if (data.Length > 0) FillStoreAsync(data, corpus).GetAwaiter().GetResult();

            var timings = new List<Timing>();
            for (var run = 0; run < options.Number("runs", 2); run++)
            {
                // Alternated, so neither always runs on a warmer page cache or a quieter machine.
                var pair = new[]
                {
                    ("screen", $"screen {Quote(corpus)}"),
                    ("what-if (forms)", $"policy what-if --policy {Quote(policy)} --format jsonl {Quote(corpus)}"),
                };
                if (run % 2 == 1) Array.Reverse(pair);
                foreach (var (what, arguments) in pair) timings.Add(Time(what, cli, arguments));
                if (data.Length > 0) timings.Add(Time("what-if (stored)", cli, $"policy what-if --policy {Quote(policy)} --format jsonl --data {Quote(data)}"));
            }
            if (data.Length > 0 && options.Number("api", 0) is var port and > 0)
                timings.Add(TimeApiAsync(cli, data, port, policy).GetAwaiter().GetResult());
            Report(timings, forms);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: what-if --cli PATH --corpus FILE [--policy FILE] [--runs N] [--data DIR [--api PORT]]");
            return 2;
        }
    }

    private static Timing Time(string what, string cli, string arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"exec /usr/bin/time -f 'TIMING %e %U %S %M' {Quote(cli)} {arguments} > /dev/null" },
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var line = stderr.Split('\n').LastOrDefault(l => l.StartsWith("TIMING ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{what} gave no timing (exit {process.ExitCode}): {stderr}");
        var f = line.Split(' ')[1..].Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        var timing = new Timing(what, f[0], f[1], f[2], f[3] / 1024);
        Console.Error.WriteLine($"{what}: exit {process.ExitCode}, {timing.WallSeconds:F1} s wall, {timing.CpuSeconds:F1} s CPU, {timing.PeakMegabytes:F0} MB");
        return timing;
    }

    /// <summary>One what-if request to <c>iptriage serve</c> over <paramref name="data"/>: the server's CPU time and
    /// peak resident set from <c>/proc</c>, its start-up excluded from the CPU time (not from the peak).</summary>
    private static async Task<Timing> TimeApiAsync(string cli, string data, int port, string policy)
    {
        const string key = "bench-coordinator-key-0f3a9c71d2e84b56";
        var start = new ProcessStartInfo(cli) { ArgumentList = { "serve", "--data", data, "--urls", $"http://127.0.0.1:{port}" }, RedirectStandardOutput = true };
        start.Environment["IPTRIAGE_Api__Keys__0__Key"] = key;
        start.Environment["IPTRIAGE_Api__Keys__0__Role"] = "coordinator";
        using var serve = Process.Start(start)!;
        _ = serve.StandardOutput.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        try
        {
            for (var tries = 0; ; tries++)
            {
                try
                {
                    using var ready = await http.GetAsync("/api/schema/intake-form");
                    if (ready.IsSuccessStatusCode) break;
                }
                catch (HttpRequestException) when (tries < 600)
                {
                }
                await Task.Delay(100);
            }
            var (userBefore, systemBefore) = CpuSeconds(serve.Id);
            var peakBefore = PeakMegabytes(serve.Id);
            var clock = Stopwatch.StartNew();
            using var body = new StreamContent(File.OpenRead(policy));
            body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/policy/what-if") { Content = body };
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var answer = await response.Content.ReadAsStreamAsync();
            var bytes = 0L;
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await answer.ReadAsync(buffer)) > 0) bytes += read;
            var wall = clock.Elapsed.TotalSeconds;
            var (user, system) = CpuSeconds(serve.Id);
            var peak = PeakMegabytes(serve.Id);
            var timing = new Timing($"what-if (API, stored; serve at {peakBefore:F0} MB before)", wall, user - userBefore, system - systemBefore, peak);
            Console.Error.WriteLine($"{timing.What}: {(int)response.StatusCode}, {bytes:N0} bytes, {wall:F1} s wall, {timing.CpuSeconds:F1} s server CPU, {peak:F0} MB peak");
            return timing;
        }
        finally
        {
            serve.Kill();
            await serve.WaitForExitAsync();
        }
    }

    private static double PeakMegabytes(int pid) => double.Parse(
        File.ReadAllLines($"/proc/{pid}/status").Single(line => line.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;

    /// <summary>A process's user and system CPU so far, from <c>/proc/PID/stat</c> (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static (double User, double System) CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) / 100.0, long.Parse(fields[12], CultureInfo.InvariantCulture) / 100.0);
    }

    private static void Report(List<Timing> timings, long forms)
    {
        var screen = timings.Where(t => t.What == "screen").ToList();
        Console.WriteLine($"{forms:N0} forms; 1-minute load average at the end: {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine();
        Console.WriteLine("| command | wall | user + sys CPU | forms/s (wall) | forms/s (CPU) | vs screen (wall) | vs screen (CPU) | peak RSS |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in timings.GroupBy(t => t.What))
        {
            foreach (var t in group)
            {
                Console.WriteLine($"| {t.What} | {t.WallSeconds:F1} s | {t.UserSeconds:F1} + {t.SystemSeconds:F1} s | {forms / t.WallSeconds:N0} | {forms / t.CpuSeconds:N0} "
                    + $"| {screen.Average(s => s.WallSeconds) / t.WallSeconds:P0} | {screen.Average(s => s.CpuSeconds) / t.CpuSeconds:P0} | {t.PeakMegabytes:F0} MB |");
            }
        }
    }

    /// <summary>The corpus's forms stored as closed referrals (the what-if reads forms, not decisions), unless the
    /// data directory already holds records. The store makes the schema; the rows are then written as
    /// <see cref="SqliteRecordStore.AddAsync"/> writes them, but in one transaction: a transaction per form would take
    /// most of an hour for a million.</summary>
    private static async Task FillStoreAsync(string directory, string corpus)
    {
        var path = Path.Combine(directory, "records.db");
        if (File.Exists(path)) return;
        var clock = Stopwatch.StartNew();
        await SqliteRecordStore.OpenAsync(path);
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        // Closed, so that a serve over the directory (--api) has no intake to recover: the what-if reads forms whatever the status.
        insert.CommandText = "INSERT INTO referrals (referral_id, status, received_at, updated_at, form) VALUES ($id, 'closed', $at, $at, $form)";
        var (id, at, form) = (insert.Parameters.Add("$id", SqliteType.Text), insert.Parameters.Add("$at", SqliteType.Text), insert.Parameters.Add("$form", SqliteType.Blob));
        var start = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var count = 0;
        foreach (var line in File.ReadLines(corpus))
        {
            id.Value = $"BENCH-{count:D8}";
            at.Value = start.AddSeconds(count).ToString("O", CultureInfo.InvariantCulture);
            form.Value = System.Text.Encoding.UTF8.GetBytes(line);
            await insert.ExecuteNonQueryAsync();
            count++;
        }
        await transaction.CommitAsync();
        SqliteConnection.ClearAllPools();
        Console.Error.WriteLine($"stored {count:N0} forms in {path} in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static long CountLines(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        long lines = 0;
        int read;
        while ((read = file.Read(buffer)) > 0) lines += buffer.AsSpan(0, read).Count((byte)'\n');
        return lines;
    }

    private static string Quote(string value) => $"'{value.Replace("'", "'\\''", StringComparison.Ordinal)}'";
}
