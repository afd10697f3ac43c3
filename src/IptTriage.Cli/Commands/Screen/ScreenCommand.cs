using System.CommandLine;
using IptTriage.Fhir.Intake;
using IptTriage.Triage;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;

namespace IptTriage.Cli.Commands.Screen;

/// <summary><c>iptriage screen [PATH...]</c>: one decision per intake form, in input order (<c>docs/cli.md</c>).</summary>
public static class ScreenCommand
{
    public static Command Create(CliStreams streams)
    {
        var paths = PathArgument.Create("A .json form (or FHIR Bundle or QuestionnaireResponse), a .jsonl file of forms, or a directory (its .json and .jsonl files, not "
            + "subdirectories). '-' or no PATH reads JSON Lines from standard input.");
        var format = new Option<string>("--format")
        {
            HelpName = "jsonl|table",
            DefaultValueFactory = _ => "jsonl",
            Description = "jsonl: one decision per line, the contract's JSON (default); table: a readable summary.",
        };
        format.AcceptOnlyFromAmong("jsonl", "table");
        var policy = new Option<string>("--policy")
        {
            HelpName = "FILE",
            Description = "A clinic's triage policy file (JSON) instead of the default policy.",
        };
        var command = new Command("screen", "Screen intake forms and print a triage decision for each.")
        {
            paths, format, policy,
        };
        command.SetAction(parsed =>
            Run(parsed.GetValue(paths) ?? [], ParseFormat(parsed.GetValue(format)), parsed.GetValue(policy), streams));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, OutputFormat format, string? policyPath, CliStreams streams)
    {
        try
        {
            var source = FormSource.Resolve(paths, streams, note => streams.Stderr.WriteLine($"iptriage screen: {note}"));
            var policy = policyPath is null ? PolicyFile.LoadDefault() : LoadPolicy(policyPath);
            using var writer = DecisionWriter.Create(format, streams.Stdout, streams.Terminal);
            return ScreenAll(source, policy, writer) ? ExitCodes.InvalidForms : ExitCodes.Success;
        }
        catch (UsageException e)
        {
            streams.Stderr.WriteLine($"iptriage screen: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read failures name the file (the runtime's message does) but never include its contents.
            streams.Stderr.WriteLine($"iptriage screen: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e)
        {
            // The type only: an unexpected exception's message could echo form content.
            streams.Stderr.WriteLine($"iptriage screen: internal error ({e.GetType().FullName}); please report it.");
            return ExitCodes.InternalError;
        }
    }

    /// <returns>Whether any form was invalid.</returns>
    private static bool ScreenAll(FormSource source, TriagePolicy policy, DecisionWriter writer)
    {
        var anyInvalid = false;
        try
        {
            foreach (var form in source.Read())
            {
                var decision = form.IsOversize ? Oversize(form, policy)
                    // A FHIR Bundle or QuestionnaireResponse (a top-level resourceType) is mapped to its form first (docs/fhir.md).
                    : FhirIntakeReader.IsFhir(form.Utf8.Span) ? FhirScreening.Screen(form.Utf8.Span, form.FallbackId, policy)
                    : Screening.Screen(form.Utf8.Span, form.FallbackId, policy);
                anyInvalid |= decision.Outcome == Outcome.Invalid;
                writer.Write(decision);
            }
        }
        finally
        {
            // If a file fails to read half-way, the decisions already made still reach the output.
            writer.Complete();
        }
        return anyInvalid;
    }

    /// <summary>A form over the size limit, invalid without being parsed; the message gives its real size when known
    /// (the reader kept only what the limit needs).</summary>
    private static TriageDecision Oversize(SourcedForm form, TriagePolicy policy)
    {
        var limit = $"{IntakeParser.MaxFormBytes} bytes (256 KiB)";
        var message = form.Bytes is { } bytes ? $"form is {bytes} bytes; the limit is {limit}" : $"form is over the limit of {limit}";
        return TriageDecision.Invalid(form.FallbackId, policy.Version, [new FieldError("$", message)]);
    }

    private static OutputFormat ParseFormat(string? format) =>
        format == "table" ? OutputFormat.Table : OutputFormat.Jsonl;

    /// <summary>A policy file, checked on load; refused with every problem listed.</summary>
    internal static TriagePolicy LoadPolicy(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"policy file not found: '{path}'");
        try
        {
            using var stream = File.OpenRead(path);
            return PolicyFile.Load(stream, path);
        }
        catch (PolicyFileException e)
        {
            throw new UsageException($"policy file '{path}' rejected: {e.Message}");
        }
    }
}

public enum OutputFormat { Jsonl, Table }
