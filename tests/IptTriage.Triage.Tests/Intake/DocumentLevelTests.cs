using System.Text;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

/// <summary>Problems with the document as a whole, reported at <c>$</c>.</summary>
public sealed class DocumentLevelTests
{
    [Fact]
    public void Empty_input_is_invalid()
    {
        Array.Empty<byte>().ShouldFailWith(("$", "form is empty"));
    }

    [Fact]
    public void A_form_over_256_KiB_is_invalid_without_being_parsed()
    {
        // Not even JSON: the size alone decides.
        var oversized = new byte[IntakeParser.MaxFormBytes + 1];

        oversized.ShouldFailWith(("$", "form is 262145 bytes; the limit is 262144 bytes (256 KiB)"));
    }

    [Theory]
    [InlineData("[]", "must be a JSON object (the intake form), not an array")]
    [InlineData("\"form\"", "must be a JSON object (the intake form), not a string")]
    [InlineData("42", "must be a JSON object (the intake form), not a number")]
    [InlineData("null", "must be a JSON object (the intake form), not null")]
    [InlineData("true", "must be a JSON object (the intake form), not a boolean")]
    public void A_root_that_is_not_an_object_is_invalid(string json, string message)
    {
        Encoding.UTF8.GetBytes(json).ShouldFailWith(("$", message));
    }

    [Theory]
    [InlineData("{", "is not valid JSON (line 1, byte 2 of that line)")]
    [InlineData("{\"schemaVersion\": \"1.0\",\n  \"referralId\": }", "is not valid JSON (line 2, byte 17 of that line)")]
    [InlineData("{\"a\":1,}", "is not valid JSON (line 1, byte 8 of that line)")]
    [InlineData("{} {}", "is not valid JSON (line 1, byte 4 of that line)")]
    [InlineData("{}x", "is not valid JSON (line 1, byte 3 of that line)")]
    [InlineData("{\"a\":1 // comment\n}", "is not valid JSON (line 1, byte 8 of that line)")]
    [InlineData("   ", "is not valid JSON (line 1, byte 4 of that line)")]
    public void Broken_JSON_is_one_error_saying_where(string json, string message)
    {
        Encoding.UTF8.GetBytes(json).ShouldFailWith(("$", message));
    }

    [Fact]
    public void Broken_JSON_after_a_valid_referral_id_reports_only_the_syntax_error_and_no_id()
    {
        var truncated = SampleForms.Bytes(SampleForms.IptGrief)[..200];

        var result = IntakeParser.Parse(truncated);

        result.ReferralId.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Path.Should().Be("$");
        result.Errors[0].Message.Should().StartWith("is not valid JSON (line ");
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_broken_JSON_that_says_so()
    {
        var deep = "{\"extra\":" + new string('[', 100) + new string(']', 100) + "}";

        var result = IntakeParser.Parse(Encoding.UTF8.GetBytes(deep));

        result.Errors.Should().ContainSingle().Which.Message.Should().StartWith("is not valid JSON: nested deeper than 64 levels (line 1, byte ");
    }

    [Fact]
    public void A_duplicate_property_is_reported_and_its_second_value_ignored()
    {
        var json = Encoding.UTF8.GetString(SampleForms.Bytes(SampleForms.Minimal))
            .Replace("\"sex\": \"undisclosed\",", "\"sex\": \"undisclosed\", \"sex\": \"whatever\", \"givenName\": \"Twice\",", StringComparison.Ordinal);

        Encoding.UTF8.GetBytes(json).ShouldFailWith(("client.sex", "duplicate property"), ("client.givenName", "duplicate property"));
    }

    [Fact]
    public void Invalid_UTF8_in_a_string_value_is_reported_at_its_field()
    {
        var json = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(SampleForms.Bytes(SampleForms.Minimal))
            .Replace("Minimal", "Min\u0001imal", StringComparison.Ordinal));
        // Swap the placeholder byte for a lone continuation byte, which is not UTF-8.
        json[Array.IndexOf(json, (byte)1)] = 0x80;

        json.ShouldFailWith(("client.familyName", "is not valid text (invalid UTF-8 or an unpaired surrogate escape)"));
    }

    [Fact]
    public void An_unpaired_surrogate_escape_is_reported_at_its_field()
    {
        var json = Encoding.UTF8.GetString(SampleForms.Bytes(SampleForms.Minimal)).Replace("Minimal", "Min\\ud800imal", StringComparison.Ordinal);

        Encoding.UTF8.GetBytes(json).ShouldFailWith(
            ("client.familyName", "is not valid text (invalid UTF-8 or an unpaired surrogate escape)"));
    }

    [Fact]
    public void Every_error_is_reported_in_one_pass_in_document_order_with_missing_properties_at_the_end_of_their_object()
    {
        var form = SampleForms.With(SampleForms.IptGrief, json =>
        {
            json.SetAt("schemaVersion", "2.0");
            json.SetAt("client.consent.contactByEmail", "yes");
            json.RemoveAt("client.sex");
            json.SetAt("presentation.problemAreas", ParseAssertions.Literal("[\"grief\",\"sadness\"]"));
            json.SetAt("instruments.phq9[3]", 7);
            json.SetAt("instruments.gad7[0]", -1);
            json["clinician"] = ParseAssertions.Literal("{\"currentCrisis\":1,\"mood\":true}");
        });

        var result = form.ShouldFailWith(
            ("schemaVersion", "must be \"1.0\""),
            ("client.consent.contactByEmail", "must be true or false, not a string"),
            ("client.sex", "is required"),
            ("presentation.problemAreas[1]", "must be one of: grief, role-dispute, role-transition, interpersonal-deficits"),
            ("instruments.phq9[3]", "must be an integer from 0 to 3"),
            ("instruments.gad7[0]", "must be an integer from 0 to 3"),
            ("clinician.currentCrisis", "must be true or false, not a number"),
            ("clinician.mood", "unknown property"));
        result.ReferralId.Should().Be("EX-0001", "a valid id is returned even when the form is invalid, so the decision can name it");
    }

    [Fact]
    public void An_invalid_referral_id_is_not_returned()
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "referralId", "bad id")).ReferralId.Should().BeNull();
    }

    [Fact]
    public void A_hostile_form_with_thousands_of_errors_reports_a_bounded_number()
    {
        var items = string.Join(",", Enumerable.Repeat("9", 5000));
        var form = SampleForms.WithValue(SampleForms.IptGrief, "instruments.phq9", ParseAssertions.Literal($"[{items}]"));

        var result = IntakeParser.Parse(form);

        result.Errors.Should().HaveCount(201);
        result.Errors[^1].Should().Be(new FieldError("$", "more than 200 errors; the rest are not reported"));
    }
}
