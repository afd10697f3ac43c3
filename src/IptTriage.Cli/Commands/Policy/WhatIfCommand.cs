using System.CommandLine;
using System.Globalization;
using IptTriage.Cli.Commands.Run;
using IptTriage.Cli.Commands.Screen;
using IptTriage.Composition;
using IptTriage.Records.Sqlite;
using IptTriage.Triage.Policy;
using IptTriage.Triage.WhatIf;
using Microsoft.Data.Sqlite;

namespace IptTriage.Cli.Commands.Policy;

/// <summary><c>iptriage policy what-if --policy FILE [PATH... | --data DIR]</c>: the forms screened under the current and a
/// candidate policy, and what would be decided differently (<c>docs/cli.md</c>). Reads only: nothing stored changes.</summary>
public static class WhatIfCommand
{
    private const string Name = "iptriage policy what-if";

    public static Command Create(CliStreams streams)
    {
        var paths = PathArgument.Create("Forms, as 'iptriage screen' takes them: a .json form, a .jsonl file, a directory, or '-' "
            + "(the default without --data) for standard input.");
        var candidate = new Option<string>("--policy")
        {
            HelpName = "FILE",
            Required = true,
            Description = "The candidate policy file, checked as 'iptriage screen --policy' checks one.",
        };
        var current = new Option<string>("--current")
        {
            HelpName = "FILE",
            Description = "The policy in use, to compare against (default: the built-in default policy).",
        };
        var data = new Option<string>("--data")
        {
            HelpName = "DIR",
            Description = "Re-screen the referrals stored in this data directory (as 'serve' and 'run' keep it) instead of forms.",
        };
        var since = new Option<string>("--since")
        {
            HelpName = "DATE",
            Description = "Only referrals received on or after DATE (2026-11-01, or a date-time with offset): with --data when "
                + "they arrived, for forms their receivedAt (invalid forms, having none, are then left out).",
        };
        var format = new Option<string>("--format")
        {
            HelpName = "table|jsonl|csv",
            DefaultValueFactory = _ => "table",
            Description = "table: for reading (default); jsonl: one changed referral per line, then the summary; csv: the changed referrals.",
        };
        format.AcceptOnlyFromAmong("table", "jsonl", "csv");
        var command = new Command("what-if", "Show which referrals a candidate policy would decide differently, and how.")
        {
            paths, candidate, current, data, since, format,
        };
        command.SetAction(parsed => Run(new WhatIfSettings(
            parsed.GetValue(paths) ?? [], parsed.GetValue(candidate)!, parsed.GetValue(current), parsed.GetValue(data), parsed.GetValue(since),
            Enum.Parse<WhatIfFormat>(parsed.GetValue(format)!, ignoreCase: true)), streams));
        return command;
    }

    public static int Run(WhatIfSettings settings, CliStreams streams)
    {
        try
        {
            if (settings.DataDirectory is not null && settings.Paths.Count > 0)
                throw new UsageException("give forms (PATH...) or --data, not both");
            var since = settings.Since is null ? (DateTimeOffset?)null : ParseSince(settings.Since);
            var policies = new TwoPolicies(
                settings.CurrentPolicyPath is null ? PolicyFile.LoadDefault() : ScreenCommand.LoadPolicy(settings.CurrentPolicyPath),
                ScreenCommand.LoadPolicy(settings.CandidatePolicyPath));
            var tally = new WhatIfTally(policies);
            using var writer = WhatIfWriter.Create(settings.Format, streams);
            var completed = false;
            try
            {
                if (settings.DataDirectory is { } directory) CompareStoredAsync(directory, since, policies, tally, writer).GetAwaiter().GetResult();
                else CompareForms(FormSource.Resolve(settings.Paths, streams, note => streams.Stderr.WriteLine($"{Name}: {note}")), since, policies, tally, writer);
                completed = true;
            }
            finally
            {
                // If reading fails half-way, the changes already found still reach the output, without a summary.
                writer.Complete(completed ? tally.Summary() : null);
            }
            return ExitCodes.Success;
        }
        catch (UsageException e)
        {
            return Fail(streams, e.Message, ExitCodes.UsageError);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException)
        {
            // These name the file or the database error, never a form's content.
            return Fail(streams, e.Message, ExitCodes.UsageError);
        }
        catch (Exception e)
        {
            // The type only: an unexpected exception's message could echo form content.
            return Fail(streams, $"internal error ({e.GetType().FullName}); please report it.", ExitCodes.InternalError);
        }
    }

    private static void CompareForms(FormSource source, DateTimeOffset? since, TwoPolicies policies, WhatIfTally tally, WhatIfWriter writer)
    {
        foreach (var form in source.Read())
        {
            var pair = policies.Screen(form.Utf8.Span, form.FallbackId);
            if (since is { } from && !(pair.ReceivedAt >= from)) continue;
            if (tally.Add(pair) is { } change) writer.WriteChange(change);
        }
    }

    private static async Task CompareStoredAsync(string directory, DateTimeOffset? since, TwoPolicies policies, WhatIfTally tally, WhatIfWriter writer)
    {
        var records = new IptTriageOptions { DataDirectory = directory }.RecordsPath;
        if (!File.Exists(records)) throw new UsageException($"no referrals are stored in '{directory}' ({Path.GetFileName(records)} is not there)");
        try
        {
            var store = await SqliteRecordStore.OpenAsync(records);
            await foreach (var stored in store.ReadFormsAsync(since, null))
            {
                if (tally.Add(policies.Screen(stored.Form, stored.ReferralId)) is { } change) writer.WriteChange(change);
            }
        }
        finally
        {
            // Release the database file, so the data directory can be moved or deleted at once.
            SqliteConnection.ClearAllPools();
        }
    }

    private static DateTimeOffset ParseSince(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : throw new UsageException($"--since must be a date such as 2026-11-01, or a date-time such as 2026-11-01T09:00:00Z; found '{text}'");

    private static int Fail(CliStreams streams, string message, int exitCode)
    {
        streams.Stderr.WriteLine($"{Name}: {message}");
        return exitCode;
    }
}

/// <param name="Paths">Forms to compare; none (and no data directory) means standard input.</param>
/// <param name="CurrentPolicyPath">Null: the built-in default policy.</param>
/// <param name="DataDirectory">Set: the stored referrals there instead of forms.</param>
public sealed record WhatIfSettings(
    IReadOnlyList<string> Paths, string CandidatePolicyPath, string? CurrentPolicyPath, string? DataDirectory, string? Since, WhatIfFormat Format);
