using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

/// <summary>Property tests: whatever the bytes, Parse returns a consistent result and never throws.</summary>
public sealed partial class RobustnessTests
{
    private static readonly byte[][] Samples = [.. SampleForms.All.Select(SampleForms.Bytes)];

    [Fact]
    public void Arbitrary_bytes_never_throw()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes => IsConsistent(IntakeParser.Parse(bytes)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void Byte_level_mutations_of_valid_forms_never_throw()
    {
        var mutated =
            from sample in Gen.Elements(Samples)
            from edits in Gen.ArrayOf(ByteEdit(sample.Length)).Select(e => e.Take(4).ToArray())
            select edits.Aggregate(sample, (bytes, edit) => edit(bytes));

        Prop.ForAll(mutated.ToArbitrary(), bytes => IsConsistent(IntakeParser.Parse(bytes)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void Replacing_any_value_of_a_valid_form_with_an_odd_value_never_throws_and_names_a_path()
    {
        var mutated =
            from name in Gen.Elements(SampleForms.All)
            let paths = SampleForms.ValuePaths(SampleForms.Json(name)).ToArray()
            from path in Gen.Elements(paths)
            from odd in Gen.Elements(OddValues)
            select (name, path, odd);

        Prop.ForAll(mutated.ToArbitrary(), c =>
        {
            var bytes = SampleForms.With(c.name, json => json.SetAt(c.path, JsonNode.Parse(c.odd)));
            var result = IntakeParser.Parse(bytes);
            return IsConsistent(result) && (result.IsValid || result.Errors.All(e => e.Path != "$"));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Fact]
    public void Escape_sequences_anywhere_in_names_or_values_never_throw()
    {
        var compactForms = SampleForms.All.Select(name => SampleForms.Json(name).ToJsonString()).ToArray();
        var escaped =
            from form in Gen.Elements(compactForms)
            let strings = StringToken().Matches(form).ToArray()
            from token in Gen.Elements(strings)
            from units in Gen.ArrayOf(Gen.OneOf(Gen.Elements(0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0x0000, 0x0067, 0x00E9, 0xFFFF), Gen.Choose(0, 0xFFFF)))
            let replacement = "\"" + string.Concat(units.Select(u => $"\\u{u:x4}")) + token.Value[1..]
            select form[..token.Index] + replacement + form[(token.Index + token.Length)..];

        Prop.ForAll(escaped.ToArbitrary(), json => IsConsistent(IntakeParser.Parse(Encoding.UTF8.GetBytes(json))))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(3000));
    }

    [Fact]
    public void Every_truncation_of_a_valid_form_is_reported_as_broken_JSON()
    {
        var form = SampleForms.Bytes(SampleForms.AllFields);
        var end = form.AsSpan().TrimEnd("\r\n "u8).Length;
        for (var length = 1; length < end; length++)
        {
            var result = IntakeParser.Parse(form[..length]);
            result.Errors.Should().ContainSingle($"a form cut at byte {length} is broken JSON")
                .Which.Message.Should().StartWith("is not valid JSON");
        }
    }

    [Fact]
    public void Strings_full_of_escapes_and_huge_numbers_never_throw()
    {
        string[] bodies =
        [
            "{\"referralId\":\"\\u0041\\u00e9\\ud83d\\ude00\\n\\t\\\"\\\\\\/\"}",
            "{\"referralId\":\"\\udc00\\ud800\"}",
            "{\"schemaVersion\":\"1.\\ud800\",\"referrer\":{\"kind\":\"g\\ud800\"},\"\\ud800\":1,\"client\":{\"\\udfff\\ud800\":1}}",
            "{\"presentation\":{\"problemAreas\":[\"\\ud800grief\",\"\\u0067rief\",\"gr\\u0069ef\"]}}",
            "{\"instruments\":{\"phq9\":[1e400,-1e400,1E-400,0.0000001,-0,123456789012345678901234567890,1,1,1]}}",
            "{\"presentation\":{\"previousEpisodes\":1e2,\"episodeDurationMonths\":6.0}}",
            "{\"receivedAt\":\"" + new string('9', 100_000) + "\"}",
            "{\"receivedAt\":\"2026-11-02T10:15:00." + new string('1', 100_000) + "Z\"}",
            "{\"client\":{\"preferredLanguage\":\"" + string.Concat(Enumerable.Repeat("-abcdefgh", 10_000)) + "\"}}",
            "{\"referrer\":{\"kind\":\"" + string.Concat(Enumerable.Repeat("\\u0067", 1_000)) + "\"}}",
        ];

        foreach (var body in bodies)
        {
            IsConsistent(IntakeParser.Parse(Encoding.UTF8.GetBytes(body))).Should().BeTrue(body[..Math.Min(60, body.Length)]);
        }
    }

    private static readonly string[] OddValues =
    [
        "null", "true", "false", "0", "-0", "1.5", "1e400", "-1e-400", "99999999999999999999999", "-2147483649", "\"\"",
        "\"\\u0000\"", "\"\\ud83d\\ude00\"", "\"x\"", "[]", "{}", "[[[[[[[[]]]]]]]]", "{\"a\":{\"b\":{\"c\":[1,{}]}}}",
        "[null,null]", "\"2026-02-30T10:15:00Z\"", "\"1.0\"", "\"gp\"",
    ];

    private static Gen<Func<byte[], byte[]>> ByteEdit(int length) =>
        from kind in Gen.Choose(0, 3)
        from at in Gen.Choose(0, length)
        from count in Gen.Choose(1, 16)
        from value in ArbMap.Default.GeneratorFor<byte>()
        select (Func<byte[], byte[]>)(bytes =>
        {
            var position = Math.Min(at, bytes.Length);
            return kind switch
            {
                0 => bytes[..position],
                1 => [.. bytes[..position], .. Enumerable.Repeat(value, count), .. bytes[position..]],
                2 => [.. bytes[..position], .. bytes[Math.Min(bytes.Length, position + count)..]],
                _ => [.. bytes[..position], value, .. bytes[Math.Min(bytes.Length, position + 1)..]],
            };
        });

    /// <summary>Valid exactly when there are no errors; every error has a well-formed path and a message; the list is
    /// bounded.</summary>
    private static bool IsConsistent(IntakeParseResult result) =>
        result.IsValid == (result.Errors.Count == 0)
        && result.Errors.Count <= 201
        && result.Errors.All(e => ErrorPath().IsMatch(e.Path) && e.Message.Length > 0)
        && (result.ReferralId is null || !result.Errors.Any(e => e.Path == "referralId"));

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringToken();

    [GeneratedRegex(@"^(\$|[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*(\[\d+\])?)$")]
    private static partial Regex ErrorPath();
}
