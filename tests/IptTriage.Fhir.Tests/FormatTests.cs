using System.Text;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>The structural check's byte-level format checks (<see cref="PrimitiveFormats"/>) against the SDK's own
/// <c>PATTERN</c>s, anchored as its validation applies them, on edge values and on every single-character change,
/// deletion and insertion of them: the same verdict on each.</summary>
public sealed class FormatTests
{
    private const string Alphabet = "0123456789-:.TZ+ aA_/\t";

    public static TheoryData<string> Types() => ["date", "dateTime", "instant", "time", "id", "code"];

    private static (PrimitiveFormats.Check Ours, Regex Sdk, string[] Seeds) Of(string type) => type switch
    {
        "date" => (PrimitiveFormats.IsDate, FhirStructure.Anchored(Date.PATTERN), ["2020", "2020-01", "2020-12-31", "0000-01-01", "0001", "1000-10-10", "9999-09-30"]),
        "dateTime" => (PrimitiveFormats.IsDateTime, FhirStructure.Anchored(FhirDateTime.PATTERN),
            ["2020", "2020-01", "2020-01-05:00", "2020-01-", "2020-01Z", "2020-01-31", "2020-01-31T23:59:60", "2020-01-31T00:00:00.123456789Z",
             "2020-01-31T10:00:00+14:00", "2020-01-31T10:00:00-13:59", "2020-01-31+", "2020-01-31T10:00:00.1+01:00", "2020-01-31Z"]),
        "instant" => (PrimitiveFormats.IsInstant, FhirStructure.Anchored(Instant.PATTERN),
            ["2020-01-31T23:59:60Z", "2026-11-02T09:30:00+01:00", "2026-11-02T09:30:00.5-14:00", "2026-11-02T09:30:00.123456789+13:59", "2026-11-02"]),
        "time" => (PrimitiveFormats.IsTime, FhirStructure.Anchored(Time.PATTERN), ["00:00:00", "23:59:60", "12:30:45.123456789", "24:00:00"]),
        "id" => (PrimitiveFormats.IsId, FhirStructure.Anchored(Id.PATTERN), ["a", "A-1.b", new string('x', 64), new string('x', 65), "patient-1"]),
        "code" => (PrimitiveFormats.IsCode, FhirStructure.Anchored(Code.PATTERN), ["a", "LA6568-5", "a b", "a  b", " a", "a ", "female", "x y z"]),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void The_byte_check_agrees_with_the_sdk_pattern_on_every_near_variant_of_edge_values(string type)
    {
        var (ours, sdk, seeds) = Of(type);
        var checkedCount = 0;
        foreach (var value in seeds.SelectMany(Variants).Append("").Distinct())
        {
            ours(Encoding.ASCII.GetBytes(value)).Should().Be(sdk.IsMatch(value), $"'{value}' as a {type}");
            checkedCount++;
        }
        checkedCount.Should().BeGreaterThan(100);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void The_byte_check_agrees_with_the_sdk_pattern_on_random_values(string type)
    {
        var (ours, sdk, seeds) = Of(type);
        var random = new Random(14);
        for (var i = 0; i < 20_000; i++)
        {
            var seed = seeds[random.Next(seeds.Length)].ToCharArray();
            // Several changes at once, so values far from any seed are tried too.
            for (var changes = random.Next(1, 4); changes > 0 && seed.Length > 0; changes--)
                seed[random.Next(seed.Length)] = Alphabet[random.Next(Alphabet.Length)];
            var value = new string(seed);
            ours(Encoding.ASCII.GetBytes(value)).Should().Be(sdk.IsMatch(value), $"'{value}' as a {type}");
        }
    }

    private static IEnumerable<string> Variants(string seed)
    {
        yield return seed;
        for (var i = 0; i <= seed.Length; i++)
        {
            if (i < seed.Length) yield return seed.Remove(i, 1);
            yield return seed[..i];
            foreach (var c in Alphabet)
            {
                yield return seed.Insert(i, c.ToString());
                if (i < seed.Length) yield return seed[..i] + c + seed[(i + 1)..];
            }
        }
    }
}
