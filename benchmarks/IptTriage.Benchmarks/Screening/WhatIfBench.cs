using System.Diagnostics;
using System.Globalization;
using IptTriage.Records.Sqlite;
using Microsoft.Data.Sqlite;

namespace IptTriage.Benchmarks.Screening;

/// <summary>
/// <c>what-if --cli PATH --corpus FILE [--policy FILE] [--runs 2] [--data DIR]</c>: <c>iptriage screen</c> and
/// <c>iptriage policy what-if</c> over the same JSON Lines corpus (<see cref="MakeCorpus"/>), alternately, each a
/// process of its own timed by <c>/usr/bin/time</c> (wall, user and system CPU, peak resident set), output to
/// <c>/dev/null</c>. With <c>--data DIR</c>, also the what-if over the same forms stored in DIR's records.db (filled
/// from the corpus first if it has none).
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
            var options = BenchOptions.Parse(args, "cli", "corpus", "policy", "runs", "data");
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
            Report(timings, forms);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine("usage: what-if --cli PATH --corpus FILE [--policy FILE] [--runs N] [--data DIR]");
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

    /// <summary>The corpus's forms stored as received referrals (the what-if reads forms, not decisions), unless the
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
        insert.CommandText = "INSERT INTO referrals (referral_id, status, received_at, updated_at, form) VALUES ($id, 'received', $at, $at, $form)";
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
