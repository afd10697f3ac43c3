using IptTriage.Testing;
using System.Text;
using System.Text.Json.Nodes;
using IptTriage.Cli.Tests.Support;
using IptTriage.Triage.Policy;

namespace IptTriage.Cli.Tests.Screen;

/// <summary><c>iptriage screen</c> run in-process over real files, directories and standard input.</summary>
public sealed class ScreenCommandTests : IDisposable
{
    private const string Grief = "0101-ipt-grief-spanish-speaking-widow.json";
    private const string NoEmail = "0102-ipt-role-dispute-no-email-phone-contact.json";
    private const string Crisis = "0201-crisis-services-cssrs-intent-no-share-consent.json";
    private const string NoFocus = "0303-review-no-interpersonal-focus.json";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>For each decision, whether it was rejected for its size alone (not parsed further).</summary>
    private static IEnumerable<bool> SizeErrorsOf(CliResult result) =>
        result.Decisions.Select(decision => decision.TryGetProperty("errors", out var errors)
            && errors.GetArrayLength() == 1
            && errors[0].GetProperty("message").GetString()!.Contains("256 KiB"));

    private static string DefaultPolicyJson()
    {
        using var resource = typeof(PolicyFile).Assembly.GetManifestResourceStream("IptTriage.Triage.default-policy.json")!;
        return new StreamReader(resource).ReadToEnd();
    }

    [Fact]
    public void A_directory_is_its_json_files_in_ordinal_name_order_without_subdirectories()
    {
        var result = InProcessCli.Run("screen", SampleFiles.Directory);

        result.ExitCode.Should().Be(ExitCodes.Success, result.Stderr);
        result.Stderr.Trim().Should().Be($"iptriage screen: skipped README.md in '{SampleFiles.Directory}': only .json and .jsonl files are read");
        result.ReferralIds.Should().Equal(SampleFiles.ValidFormNames.Select(SampleFiles.ReferralIdOf));
    }

    [Fact]
    public void Files_a_directory_holds_that_are_not_forms_are_named_on_stderr_and_nothing_else_changes()
    {
        temp.Copy(SampleFiles.Valid(Grief));
        temp.Write("notes.txt", "call back Tuesday");
        temp.Write("forms.csv", "a,b");
        Directory.CreateDirectory(Path.Combine(temp.Path, "archive"));

        var result = InProcessCli.Run("screen", temp.Path);

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.ReferralIds.Should().Equal("SMP-0101");
        result.Stderr.Trim().Should().Be($"iptriage screen: skipped forms.csv, notes.txt in '{temp.Path}': only .json and .jsonl files are read");
    }

    [Fact]
    public void A_pretty_printed_form_on_standard_input_is_one_form()
    {
        var pretty = File.ReadAllText(SampleFiles.Valid(Grief));
        pretty.Should().Contain("\n  ", "the sample is pretty-printed");

        var result = InProcessCli.RunWithStdin(pretty, "screen");

        result.ExitCode.Should().Be(ExitCodes.Success, result.Stdout);
        result.ReferralIds.Should().Equal("SMP-0101");
        result.Outcomes.Should().Equal("routed");
    }

    [Fact]
    public void A_pretty_printed_document_that_is_not_valid_json_is_one_invalid_form_named_stdin()
    {
        var broken = File.ReadAllText(SampleFiles.Valid(Grief)).TrimEnd().TrimEnd('}');

        var result = InProcessCli.RunWithStdin(broken, "screen");

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.ReferralIds.Should().Equal("stdin");
        result.Outcomes.Should().Equal("invalid");
    }

    [Fact]
    public void On_a_terminal_screen_says_it_waits_for_input_and_from_a_pipe_it_does_not()
    {
        var typed = InProcessCli.RunTypingStdin(SampleFiles.AsJsonLine(Grief), "screen");
        var piped = InProcessCli.RunWithStdin(SampleFiles.AsJsonLine(Grief), "screen");

        typed.Stderr.Trim().Should().Be("iptriage screen: reading forms from standard input (JSON Lines, or one JSON document); "
            + "end the input with Ctrl+D (Ctrl+Z, Enter on Windows)");
        typed.ReferralIds.Should().Equal("SMP-0101");
        piped.Stderr.Should().BeEmpty();
    }

    [Fact]
    public void A_file_that_cannot_be_read_exits_2_naming_it_before_screening_anything()
    {
        if (OperatingSystem.IsWindows()) return;
        var locked = temp.Copy(SampleFiles.Valid(NoEmail), "locked.json");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        if (CanRead(locked)) return; // root reads any file: nothing to refuse

        var result = InProcessCli.Run("screen", SampleFiles.Valid(Grief), locked);

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Trim().Should().Be($"iptriage screen: cannot read '{locked}': permission denied");
    }

    private static bool CanRead(string path)
    {
        try
        {
            File.OpenRead(path).Dispose();
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [Fact]
    public void Several_files_are_screened_in_command_line_order()
    {
        var result = InProcessCli.Run("screen", SampleFiles.Valid(NoFocus), SampleFiles.Valid(Grief), SampleFiles.Valid(Crisis));

        result.ExitCode.Should().Be(ExitCodes.Success, result.Stderr);
        result.ReferralIds.Should().Equal("SMP-0303", "SMP-0101", "SMP-0201");
        result.Outcomes.Should().Equal("review", "routed", "routed");
    }

    [Fact]
    public void A_jsonl_file_is_one_form_per_line_with_blank_lines_skipped_and_bad_lines_named_by_file_and_line()
    {
        var forms = temp.Write("batch.jsonl",
            $"{SampleFiles.AsJsonLine(Grief)}\r\n\r\n{{\"referralId\": oops\r\n   \n{SampleFiles.AsJsonLine(Crisis)}");

        var result = InProcessCli.Run("screen", forms);

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.ReferralIds.Should().Equal("SMP-0101", "batch.jsonl:line 3", "SMP-0201");
        result.Outcomes.Should().Equal("routed", "invalid", "routed");
        result.Stderr.Should().BeEmpty();
    }

    [Theory]
    [InlineData("screen", "-")]
    [InlineData("screen")]
    public void Standard_input_is_json_lines_and_bad_lines_are_named_by_line_number(params string[] args)
    {
        var stdin = $"{SampleFiles.AsJsonLine(Grief)}\nnot json at all\n{SampleFiles.AsJsonLine(NoEmail)}\n";

        var result = InProcessCli.RunWithStdin(stdin, args);

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.ReferralIds.Should().Equal("SMP-0101", "line 2", "SMP-0102");
        result.Outcomes.Should().Equal("routed", "invalid", "routed");
    }

    [Fact]
    public void Standard_input_can_sit_between_files()
    {
        var result = InProcessCli.RunWithStdin(SampleFiles.AsJsonLine(NoEmail), "screen", SampleFiles.Valid(Grief), "-",
            SampleFiles.Valid(Crisis));

        result.ReferralIds.Should().Equal("SMP-0101", "SMP-0102", "SMP-0201");
    }

    [Fact]
    public void Mixed_valid_and_invalid_files_keep_their_order_exit_1_and_name_the_bad_file()
    {
        var result = InProcessCli.Run("screen", SampleFiles.Valid(Grief), SampleFiles.Invalid("broken-json.json"),
            SampleFiles.Invalid("unknown-property.json"), SampleFiles.Valid(Crisis));

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.ReferralIds.Should().Equal("SMP-0101", "broken-json.json", "SMP-0901", "SMP-0201");
        result.Outcomes.Should().Equal("routed", "invalid", "invalid", "routed");
        result.Stderr.Should().BeEmpty("decisions, including invalid ones, go to stdout; stderr is for usage errors");
    }

    [Fact]
    public void A_read_failure_half_way_exits_2_after_printing_the_decisions_already_made()
    {
        var lines = Encoding.UTF8.GetBytes($"{SampleFiles.AsJsonLine(Grief)}\n{SampleFiles.AsJsonLine(NoEmail)}\n");

        var result = InProcessCli.RunWithStdin(() => new FailingAtEndStream(lines), "screen");

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.ReferralIds.Should().Equal("SMP-0101", "SMP-0102");
        result.Stderr.Should().Contain("connection reset");
    }

    [Fact]
    public void A_form_file_starting_with_a_byte_order_mark_is_read()
    {
        var form = Path.Combine(temp.Path, "bom.json");
        File.WriteAllBytes(form, [0xEF, 0xBB, 0xBF, .. File.ReadAllBytes(SampleFiles.Valid(Grief))]);

        InProcessCli.Run("screen", form).Outcomes.Should().Equal("routed");
    }

    [Fact]
    public void An_over_256_KiB_line_is_one_invalid_form_and_the_lines_around_it_are_still_screened()
    {
        var huge = $"{{\"referralId\": \"SMP-HUGE\", \"presentation\": {{\"summary\": \"{new string('x', 300 * 1024)}\"}}}}";
        var forms = temp.Write("big.jsonl", $"{SampleFiles.AsJsonLine(Grief)}\n{huge}\n{SampleFiles.AsJsonLine(NoEmail)}\n{huge}");

        var result = InProcessCli.Run("screen", forms);

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.ReferralIds.Should().Equal("SMP-0101", "big.jsonl:line 2", "SMP-0102", "big.jsonl:line 4");
        result.Outcomes.Should().Equal("routed", "invalid", "routed", "invalid");
        SizeErrorsOf(result).Should().Equal(false, true, false, true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_over_256_KiB_json_file_is_an_invalid_form_named_by_its_file(bool byteOrderMark)
    {
        var form = Path.Combine(temp.Path, "huge.json");
        byte[] bom = byteOrderMark ? [0xEF, 0xBB, 0xBF] : [];
        File.WriteAllBytes(form, [.. bom, .. Encoding.UTF8.GetBytes($"{{\"summary\": \"{new string('x', 300 * 1024)}\"}}")]);

        var result = InProcessCli.Run("screen", form);

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        result.ReferralIds.Should().Equal("huge.json");
        result.Outcomes.Should().Equal("invalid");
        SizeErrorsOf(result).Should().Equal(true);
        Message(result).Should().Be($"form is {new FileInfo(form).Length - bom.Length} bytes; the limit is 262144 bytes (256 KiB)");
    }

    [Fact]
    public void An_over_256_KiB_document_on_standard_input_is_reported_with_its_real_size()
    {
        var huge = $"{{\n  \"summary\": \"{new string('x', 1024 * 1024)}\"\n}}\n";

        var result = InProcessCli.RunWithStdin(huge, "screen");

        result.ReferralIds.Should().Equal("stdin");
        Message(result).Should().Be($"form is {Encoding.UTF8.GetByteCount(huge)} bytes; the limit is 262144 bytes (256 KiB)");
    }

    private static string Message(CliResult result) => result.Decisions.Single().GetProperty("errors")[0].GetProperty("message").GetString()!;

    [Theory]
    [InlineData("screen", "--bogus")]
    [InlineData("screen", "--format", "xml")]
    [InlineData("screen", "--policy")]
    [InlineData("frobnicate")]
    [InlineData]
    public void Usage_errors_exit_2_with_a_message_and_no_decisions(params string[] args)
    {
        var result = InProcessCli.Run(args);

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().NotBeEmpty();
    }

    [Fact]
    public void A_missing_path_exits_2_naming_it_before_screening_anything()
    {
        var missing = Path.Combine(temp.Path, "nowhere", "form.json");

        var result = InProcessCli.Run("screen", SampleFiles.Valid(Grief), missing);

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(missing);
    }

    [Fact]
    public void A_clinic_policy_file_sets_the_thresholds_and_the_recorded_version()
    {
        // The default policy with late life starting at 60: the 64-year-old in sample 0116 gets IPT late-life.
        var policy = JsonNode.Parse(DefaultPolicyJson())!;
        policy["policyVersion"] = "clinic-2026.1";
        policy["thresholds"]!["age"]!["lateLifeFromYears"] = 60;
        var policyFile = temp.Write("clinic-policy.json", policy.ToJsonString());
        var form = SampleFiles.Valid("0116-ipt-aged-64-on-local-date-despite-utc-birthday.json");

        var withDefault = InProcessCli.Run("screen", form).Decisions.Single();
        var withClinic = InProcessCli.Run("screen", "--policy", policyFile, form).Decisions.Single();

        withDefault.GetProperty("adaptations").GetArrayLength().Should().Be(0);
        withClinic.GetProperty("adaptations").EnumerateArray().Select(a => a.GetString()).Should().Equal("ipt-late-life");
        withClinic.GetProperty("policyVersion").GetString().Should().Be("clinic-2026.1");
    }

    [Fact]
    public void A_malformed_policy_file_exits_2_naming_it()
    {
        var policy = temp.Write("clinic-policy.json", "{ \"version\": ");

        var result = InProcessCli.Run("screen", "--policy", policy, SampleFiles.Valid(Grief));

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stdout.Should().BeEmpty();
        result.Stderr.Should().Contain(policy);
    }

    [Fact]
    public void A_missing_policy_file_exits_2_naming_it()
    {
        var policy = Path.Combine(temp.Path, "no-such-policy.json");

        var result = InProcessCli.Run("screen", "--policy", policy, SampleFiles.Valid(Grief));

        result.ExitCode.Should().Be(ExitCodes.UsageError);
        result.Stderr.Should().Contain(policy);
    }

    [Fact]
    public void Table_format_has_a_row_per_form_and_summary_counts()
    {
        var result = InProcessCli.Run("screen", "--format", "table", SampleFiles.Valid(Grief), SampleFiles.Valid(Crisis),
            SampleFiles.Valid(NoFocus), SampleFiles.Invalid("unknown-property.json"));

        result.ExitCode.Should().Be(ExitCodes.InvalidForms);
        var lines = result.Stdout.Split('\n');
        lines.Should().ContainSingle(line => line.Contains("SMP-0101") && line.Contains("routed") && line.Contains(" ipt "));
        lines.Should().ContainSingle(line => line.Contains("SMP-0201") && line.Contains("crisis-services")
            && line.Contains("emergency") && line.Contains("acute-risk") && line.Contains("no-share-consent"));
        lines.Should().ContainSingle(line => line.Contains("SMP-0303") && line.Contains("review")
            && line.Contains("no-interpersonal-focus"));
        lines.Should().ContainSingle(line => line.Contains("SMP-0901") && line.Contains("invalid")
            && line.Contains("client.nickname"));
        result.Stdout.Should().Contain("4 forms: 2 routed, 1 review, 1 invalid; 1 emergency, 0 urgent, 2 routine");
        result.Stdout.Should().NotContain("\u001b[", "redirected output has no colour codes");
    }

    [Fact]
    public void Help_is_printed_to_stdout_and_exits_0()
    {
        var result = InProcessCli.Run("screen", "--help");

        result.ExitCode.Should().Be(ExitCodes.Success);
        result.Stdout.Should().Contain("--format").And.Contain("--policy");
    }

    [Fact]
    public void Output_is_utf8_json_lines_one_decision_per_line()
    {
        var result = InProcessCli.Run("screen", SampleFiles.Valid(Grief), SampleFiles.Valid(Crisis));

        result.Stdout.Should().EndWith("\n");
        result.Stdout.TrimEnd('\n').Split('\n').Should().HaveCount(2).And.OnlyContain(line => line.StartsWith('{'));
    }

    /// <summary>Serves its bytes, then fails as a dropped pipe or network share would.</summary>
    private sealed class FailingAtEndStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("connection reset while reading");
        }

        public override int Read(Span<byte> buffer)
        {
            var read = base.Read(buffer);
            return read > 0 ? read : throw new IOException("connection reset while reading");
        }
    }
}
