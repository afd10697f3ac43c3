using System.Text.Json.Nodes;

namespace IptTriage.Triage.Tests.Intake.Support;

/// <summary>One document for the schema-agreement test: what it is, its JSON (one line), whether the contract calls
/// it valid, and for an invalid one the path the validator must name.</summary>
public sealed record CorpusDocument(string Name, string Json, bool Valid, string? ErrorPath = null)
{
    public override string ToString() => Name;
}

/// <summary>Valid forms and their variants, plus invalid mutations that each break one rule, generated from the
/// sample forms. Rules only the validator enforces are not here (see <see cref="ValidatorOnly"/>).</summary>
public static class SchemaCorpus
{
    private static readonly string[] RequiredPaths =
    [
        "schemaVersion", "referralId", "receivedAt", "referrer", "referrer.kind", "client", "client.givenName",
        "client.familyName", "client.dateOfBirth", "client.sex", "client.consent", "client.consent.contactByEmail",
        "client.consent.shareWithClinic", "presentation", "presentation.problemAreas", "presentation.episodeDurationMonths",
        "instruments", "instruments.phq9", "instruments.cssrs.wishDead", "instruments.cssrs.suicidalThoughts",
        "instruments.cssrs.thoughtsWithMethod", "instruments.cssrs.intent", "instruments.cssrs.planWithIntent",
        "instruments.cssrs.behaviorEver", "instruments.cssrs.behaviorPast3Months", "instruments.mdq.symptoms",
        "instruments.mdq.sameTimePeriod", "instruments.mdq.impairment", "instruments.pcPtsd5.traumaExposure",
        "instruments.pcPtsd5.items",
    ];

    private static readonly (string Path, int Length, int Max)[] FixedArrays =
    [
        ("instruments.phq9", 9, 3), ("instruments.gad7", 7, 3), ("instruments.pqb", 21, 5), ("instruments.auditC", 3, 4),
        ("instruments.msiBpd", 10, -1), ("instruments.mdq.symptoms", 13, -1), ("instruments.pcPtsd5.items", 5, -1),
    ];

    private static readonly (string Path, int Min, int Max)[] Texts =
    [
        ("referralId", 1, 64), ("referrer.name", 0, 200), ("referrer.organisation", 0, 200), ("client.givenName", 1, 100),
        ("client.familyName", 1, 100), ("client.phone", 0, 32), ("presentation.summary", 0, 4000),
    ];

    private static readonly string[] CodePaths =
    [
        "referrer.kind", "client.sex", "presentation.problemAreas[0]", "presentation.treatmentPreference",
        "presentation.eatingDisorder", "instruments.mdq.impairment", "clinician.personalityDisorder",
    ];

    private static readonly string[] ValidTimestamps =
    [
        "2026-11-02T10:15:00+05:30", "2026-11-02T10:15:00-00:00", "2026-11-02T10:15:00.1Z", "2026-11-02T10:15:00.123456789Z",
        "2024-02-29T23:59:59+23:59", "2026-12-31T00:00:00-23:00",
    ];

    private static readonly string[] InvalidTimestamps =
    [
        "2026-11-02t10:15:00Z", "2026-11-02T10:15:00z", "2026-11-02T10:15:60Z", "2026-11-02T10:15:00", "2026-11-02T10:15Z",
        "2026-11-02 10:15:00Z", "2026-11-02T10:15:00+24:00", "2026-11-02T10:15:00+01:60", "2026-11-02T10:15:00+0100",
        "2026-11-02T24:00:00Z", "2026-02-30T10:15:00Z", "2025-02-29T10:15:00Z", "2026-13-02T10:15:00Z", "0000-01-01T00:00:00Z",
        "2026-11-02T10:15:00.Z", "2026-11-02",
    ];

    private static readonly string[] InvalidDates = ["2001-02-29", "1990-04-31", "1990-1-01", "1990-01-01T00:00:00Z", "0000-01-01", "01/02/1990"];

    private static readonly string[] ValidLanguages = ["es-419", "zh-Hant-TW", "sl-rozaj-biske", "en-US-u-ca-gregory", "x-private", "i-klingon", "EN-gb-OED", "yue"];

    private static readonly string[] InvalidLanguages = ["en_GB", "e", "en-", "en--gb", "abcdefghi", "en-a", "x", "en-GB-US", "i-bogus", "ényi"];

    private static readonly string[] ValidEmails = ["a@b.co", "first.last+tag@sub.example-domain.org", "o'brien@example.ie"];

    private static readonly string[] InvalidEmails =
    [
        "plain", "@example.org", "user@localhost", "a@@example.org", "user name@example.org", ".user@example.org",
        "us..er@example.org", "user@-example.org", "user@example..org", "\"q\"@example.org", "josé@example.org",
        "user@[127.0.0.1]",
    ];

    public static IEnumerable<CorpusDocument> Documents()
    {
        foreach (var name in SampleForms.All) yield return new(name, Compact(SampleForms.Json(name)), true);

        var full = SampleForms.AllFields;
        var fullForm = SampleForms.Json(full);
        var paths = SampleForms.ValuePaths(fullForm).ToArray();

        foreach (var path in paths)
        {
            yield return Changed($"{path} null", full, path, null, path);
            yield return Changed($"{path} of another type", full, path, OtherType(fullForm.At(path)), path);
            if (!path.EndsWith(']'))
            {
                var required = RequiredPaths.Contains(path);
                yield return new($"{path} removed", Compact(full, json => json.RemoveAt(path)), !required, required ? path : null);
            }
            if (fullForm.At(path) is JsonObject) yield return Added(full, path);
        }
        yield return Added(full, "");

        foreach (var (path, length, max) in FixedArrays)
        {
            JsonNode Item() => max < 0 ? JsonValue.Create(true) : JsonValue.Create(0);
            yield return Changed($"{path} one short", full, path, new JsonArray([.. Enumerable.Range(0, length - 1).Select(_ => Item())]), path);
            yield return Changed($"{path} one long", full, path, new JsonArray([.. Enumerable.Range(0, length + 1).Select(_ => Item())]), path);
            if (max < 0) continue;
            yield return Changed($"{path}[0] above {max}", full, $"{path}[0]", max + 1, $"{path}[0]");
            yield return Changed($"{path}[1] negative", full, $"{path}[1]", -1, $"{path}[1]");
            yield return Changed($"{path}[2] = {max}", full, $"{path}[2]", max, null);
        }

        foreach (var (path, min, max) in Texts)
        {
            yield return Changed($"{path} of {max} chars", full, path, new string('a', max), null);
            yield return Changed($"{path} of {max + 1} chars", full, path, new string('a', max + 1), path);
            if (min > 0) yield return Changed($"{path} empty", full, path, "", path);
        }

        foreach (var path in CodePaths)
        {
            yield return Changed($"{path} unknown code", full, path, "not-a-code", path);
            var code = fullForm.At(path)!.GetValue<string>();
            yield return Changed($"{path} upper case", full, path, code.ToUpperInvariant(), path);
        }

        yield return Changed("schemaVersion 1.1", full, "schemaVersion", "1.1", "schemaVersion");
        yield return Changed("schemaVersion 1", full, "schemaVersion", "1", "schemaVersion");
        yield return Changed("referralId with a space", full, "referralId", "EX 1", "referralId");
        yield return Changed("referralId with a slash", full, "referralId", "EX/1", "referralId");
        yield return Changed("referralId with a non-ASCII letter", full, "referralId", "EX-É", "referralId");
        foreach (var dots in new[] { ".", "..", "..." }) yield return Changed($"referralId {dots}", full, "referralId", dots, "referralId");
        foreach (var id in new[] { ".a", "a..", "._", "-" }) yield return Changed($"referralId {id}", full, "referralId", id, null);
        yield return Changed("episodeDurationMonths 601", full, "presentation.episodeDurationMonths", 601, "presentation.episodeDurationMonths");
        yield return Changed("episodeDurationMonths 0", full, "presentation.episodeDurationMonths", 0, null);
        yield return Changed("previousEpisodes -1", full, "presentation.previousEpisodes", -1, "presentation.previousEpisodes");
        yield return Changed("previousEpisodes int max", full, "presentation.previousEpisodes", int.MaxValue, null);
        yield return Changed("phq9[4] fraction", full, "instruments.phq9[4]", 1.5, "instruments.phq9[4]");
        yield return Changed("duplicate problem area", full, "presentation.problemAreas", new JsonArray("grief", "grief"), "presentation.problemAreas[1]");
        yield return Changed("no problem areas", full, "presentation.problemAreas", new JsonArray(), null);
        yield return Changed("dateOfBirth leap day", full, "client.dateOfBirth", "2000-02-29", null);

        foreach (var t in ValidTimestamps) yield return Changed($"receivedAt {t}", full, "receivedAt", t, null);
        foreach (var t in InvalidTimestamps) yield return Changed($"receivedAt {t}", full, "receivedAt", t, "receivedAt");
        foreach (var d in InvalidDates) yield return Changed($"dateOfBirth {d}", full, "client.dateOfBirth", d, "client.dateOfBirth");
        foreach (var l in ValidLanguages) yield return Changed($"language {l}", full, "client.preferredLanguage", l, null);
        foreach (var l in InvalidLanguages) yield return Changed($"language {l}", full, "client.preferredLanguage", l, "client.preferredLanguage");
        foreach (var e in ValidEmails) yield return Changed($"email {e}", full, "client.email", e, null);
        foreach (var e in InvalidEmails) yield return Changed($"email {e}", full, "referrer.email", e, "referrer.email");
    }

    /// <summary>Forms whose language tag, e-mail address or timestamp is assembled at random from pieces near the
    /// edges of each rule, for a differential check of the schema's patterns against the parser's span checks. Fixed
    /// seed, so a failure is reproducible.</summary>
    public static IEnumerable<(string Name, string Json)> RandomisedPatterns(int count)
    {
        string[] subtags = ["en", "EN", "eng", "abcd", "abcdefgh", "abcdefghi", "zh", "x", "X", "i", "a", "u", "1901", "rozaj", "Latn", "US", "419", "12", "gb", "abc", "ca", "gregory", "", "é"];
        string[] localParts = ["a", "Z9", "o'b", "+tag", "x.y", ".", "-", "_", " ", "\"", "é", "@"];
        string[] domainLabels = ["example", "org", "co", "a-b", "-a", "a-", "1", "", "exa_mple", "é", "[1]"];
        string[][] timestampParts =
        [
            ["2026-11-02", "2024-02-29", "2025-02-29", "2026-04-31", "0000-01-01", "2026-1-02", "2026-13-01"],
            ["T", "T", "t", " "],
            ["10:15:00", "23:59:59", "23:59:60", "24:00:00", "10:60:00", "10:15"],
            ["", "", ".5", ".123456789", "."],
            ["Z", "+05:30", "-23:59", "z", "+24:00", "+01:60", "+0100", ""],
        ];
        var random = new Random(20261102);
        string Assemble(string[] parts, string separator, int max) =>
            string.Join(separator, Enumerable.Range(0, random.Next(1, max + 1)).Select(_ => parts[random.Next(parts.Length)]));
        for (var i = 0; i < count; i++)
        {
            var (path, value) = (i % 3) switch
            {
                0 => ("client.preferredLanguage", Assemble(subtags, "-", 6)),
                1 => ("client.email", Assemble(localParts, "", 3) + (random.Next(10) > 0 ? "@" : "") + Assemble(domainLabels, ".", 3)),
                _ => ("receivedAt", string.Concat(timestampParts.Select(parts => parts[random.Next(parts.Length)]))),
            };
            var form = SampleForms.Json(SampleForms.AllFields);
            form.SetAt("client.dateOfBirth", "0001-01-01");
            form.SetAt(path, value);
            yield return ($"{path} = {value}", form.ToJsonString());
        }
    }

    /// <summary>Documents the schema accepts but the contract (and the validator) refuses: the documented
    /// validator-only rules.</summary>
    public static IEnumerable<CorpusDocument> ValidatorOnly()
    {
        var full = SampleForms.AllFields;
        yield return Changed("dateOfBirth after receivedAt", full, "client.dateOfBirth", "2026-11-03", "client.dateOfBirth");
        yield return Changed("receivedAt before year 1 in UTC", full, "receivedAt", "0001-01-01T00:00:00+01:00", "receivedAt");
        var text = Compact(SampleForms.Json(full));
        yield return new("integer written 1.0", text.Replace("\"phq9\":[0,", "\"phq9\":[1.0,", StringComparison.Ordinal), false, "instruments.phq9[0]");
        yield return new("integer written 1e0", text.Replace("\"phq9\":[0,", "\"phq9\":[1e0,", StringComparison.Ordinal), false, "instruments.phq9[0]");
        yield return new("duplicate property", text.Replace("\"sex\":\"other\"", "\"sex\":\"other\",\"sex\":\"male\"", StringComparison.Ordinal), false, "client.sex");
        yield return new("unpaired surrogate escape", text.Replace("\"Alex\"", "\"Al\\udc00ex\"", StringComparison.Ordinal), false, "client.givenName");
    }

    private static CorpusDocument Changed(string name, string form, string path, JsonNode? value, string? errorPath) =>
        new(name, Compact(form, json => json.SetAt(path, value)), errorPath is null, errorPath);

    private static CorpusDocument Added(string form, string objectPath)
    {
        var propertyPath = objectPath.Length == 0 ? "unexpected" : $"{objectPath}.unexpected";
        return new($"{propertyPath} added", Compact(form, json =>
        {
            var target = objectPath.Length == 0 ? json : json.At(objectPath)!.AsObject();
            target["unexpected"] = true;
        }), false, propertyPath);
    }

    private static JsonNode OtherType(JsonNode? node) => node switch
    {
        JsonObject => new JsonArray(),
        JsonArray => new JsonObject(),
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => 7,
        JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => "7",
        _ => "true",
    };

    private static string Compact(string form, Action<JsonObject> change)
    {
        var json = SampleForms.Json(form);
        change(json);
        return Compact(json);
    }

    private static string Compact(JsonNode json) => json.ToJsonString();
}
