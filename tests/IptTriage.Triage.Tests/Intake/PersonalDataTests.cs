using System.Text.Json.Nodes;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

/// <summary>Errors end up in decisions, logs and alerts, so no error may carry what the client or referrer wrote.</summary>
public sealed class PersonalDataTests
{
    private const string Name = "Zephyrine";
    private const string Email = "zephyrine.quillfeather@example.org";

    public static TheoryData<string, string> BrokenFieldsHoldingPersonalData() => new()
    {
        { "client.givenName", new string('Z', 50) + Name + new string('Z', 60) },
        { "client.familyName", "" },
        { "client.email", Email.Replace("@", " at ", StringComparison.Ordinal) },
        { "client.email", Name + "@@example.org" },
        { "referrer.email", Email + " " },
        { "referrer.name", Name + new string('x', 200) },
        { "client.phone", Name + " +44 20 7946 0000 0000 0000 0000" },
        { "client.preferredLanguage", Name + " speaks Welsh" },
        { "referralId", Name + " " + Email },
        { "receivedAt", Name },
        { "client.dateOfBirth", Name },
        { "client.sex", Name },
        { "referrer.kind", Email },
        { "presentation.problemAreas[0]", Name },
        { "presentation.summary", Name + new string('x', 4000) },
    };

    [Theory]
    [MemberData(nameof(BrokenFieldsHoldingPersonalData))]
    public void A_broken_field_is_described_without_its_value(string path, string value)
    {
        var form = SampleForms.With(SampleForms.IptGrief, json =>
        {
            json.SetAt("client.givenName", Name);
            json.SetAt("client.email", Email);
            json.SetAt(path, value);
        });

        var errors = IntakeParser.Parse(form).Errors;

        errors.Should().ContainSingle().Which.Path.Should().Be(path);
        AssertNoPersonalData(errors);
    }

    /// <summary>A plain identifier is echoed (<c>client.middleName</c>: the name of a field is structure, and the clue
    /// to a wrong form version); anything else, such as an address or a full name used as a key, is not.</summary>
    [Fact]
    public void Unknown_property_names_that_are_not_plain_identifiers_are_not_echoed()
    {
        var form = SampleForms.With(SampleForms.IptGrief, json =>
        {
            json.At("client")!.AsObject()[Email] = true;
            json.At("client")!.AsObject()[Name + " Santos"] = true;
        });

        var errors = IntakeParser.Parse(form).Errors;

        errors.Should().HaveCount(2).And.AllSatisfy(error => error.Path.Should().Be("client"));
        AssertNoPersonalData(errors);
    }

    [Fact]
    public void Free_text_of_the_wrong_type_is_not_echoed()
    {
        var form = SampleForms.WithValue(SampleForms.IptGrief, "presentation.summary", new JsonArray(Name, Email));

        AssertNoPersonalData(IntakeParser.Parse(form).Errors);
    }

    [Fact]
    public void The_date_of_birth_is_not_echoed_when_it_is_after_receipt()
    {
        var errors = IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "client.dateOfBirth", "2031-07-19")).Errors;

        errors.Should().ContainSingle().Which.Message.Should().NotContain("2031").And.NotContain("07-19");
    }

    private static void AssertNoPersonalData(IReadOnlyList<FieldError> errors)
    {
        string[] forbidden = [Name, "quillfeather", Email, "Santos", "Maria"];
        foreach (var error in errors)
        {
            foreach (var text in forbidden)
            {
                error.Message.Should().NotContainEquivalentOf(text);
                error.Path.Should().NotContainEquivalentOf(text);
            }
        }
    }
}
