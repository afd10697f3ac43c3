using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;
using static IptTriage.Triage.Tests.Intake.Support.ParseAssertions;

namespace IptTriage.Triage.Tests.Intake;

/// <summary>One field broken at a time: the form is invalid with exactly one error at that field's path.</summary>
public sealed class InvalidFieldTests
{
    [Theory]
    // wrong types, including null for optional fields
    [InlineData("schemaVersion", "1.0", "must be \"1.0\", not a number")]
    [InlineData("referralId", "42", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots), not a number")]
    [InlineData("referrer", "\"gp\"", "must be an object, not a string")]
    [InlineData("referrer.name", "null", "must be a string of at most 200 characters, not null")]
    [InlineData("client.consent", "[]", "must be an object, not an array")]
    [InlineData("client.consent.contactByEmail", "\"yes\"", "must be true or false, not a string")]
    [InlineData("client.consent.shareWithClinic", "1", "must be true or false, not a number")]
    [InlineData("client.region", "null", "must be a string, not null")]
    [InlineData("presentation.problemAreas", "\"grief\"", "must be an array of problem areas (possibly empty), not a string")]
    [InlineData("presentation.episodeDurationMonths", "\"7\"", "must be an integer from 0 to 600, not a string")]
    [InlineData("presentation.perinatal", "null", "must be true or false, not null")]
    [InlineData("instruments.phq9", "{}", "must be an array of 9 integers from 0 to 3, not an object")]
    [InlineData("instruments.gad7", "null", "must be an array of 7 integers from 0 to 3, not null")]
    [InlineData("instruments.cssrs", "true", "must be an object, not a boolean")]
    [InlineData("instruments.cssrs.intent", "null", "must be true or false, not null")]
    [InlineData("instruments.phq9[3]", "true", "must be an integer from 0 to 3, not a boolean")]
    [InlineData("clinician", "null", "must be an object, not null")]
    // ranges, including floats and huge numbers where integers are expected
    [InlineData("instruments.phq9[3]", "4", "must be an integer from 0 to 3")]
    [InlineData("instruments.phq9[0]", "-1", "must be an integer from 0 to 3")]
    [InlineData("instruments.phq9[8]", "1.5", "must be an integer from 0 to 3")]
    [InlineData("instruments.phq9[8]", "1.0", "must be an integer from 0 to 3")]
    [InlineData("instruments.gad7[6]", "99999999999999999999999", "must be an integer from 0 to 3")]
    [InlineData("instruments.auditC[2]", "5", "must be an integer from 0 to 4")]
    [InlineData("presentation.episodeDurationMonths", "601", "must be an integer from 0 to 600")]
    [InlineData("presentation.episodeDurationMonths", "-1", "must be an integer from 0 to 600")]
    [InlineData("presentation.previousEpisodes", "-1", "must be an integer from 0 to 2147483647")]
    [InlineData("presentation.previousEpisodes", "2147483648", "must be an integer from 0 to 2147483647")]
    // codes
    [InlineData("schemaVersion", "\"1.1\"", "must be \"1.0\"")]
    [InlineData("referrer.kind", "\"GP\"", "must be one of: gp, self, hospital, school, community, other")]
    [InlineData("client.sex", "\"f\"", "must be one of: female, male, other, undisclosed")]
    [InlineData("presentation.problemAreas[0]", "\"loss\"", "must be one of: grief, role-dispute, role-transition, interpersonal-deficits")]
    [InlineData("presentation.treatmentPreference", "\"medication\"", "must be one of: no-preference, therapy, combined")]
    [InlineData("presentation.eatingDisorder", "\"\"", "must be one of: none, bulimia, binge-eating, anorexia")]
    [InlineData("clinician", "{\"personalityDisorder\":\"severe\"}", null)]
    // lengths and patterns
    [InlineData("referralId", "\"\"", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)")]
    [InlineData("referralId", "\"EX 0001\"", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)")]
    [InlineData("referralId", "\"EX/0001\"", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)")]
    // a '.' or '..' URL segment is normalised away, so no route could address such a referral
    [InlineData("referralId", "\".\"", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)")]
    [InlineData("referralId", "\"..\"", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)")]
    [InlineData("referralId", "\"...\"", "must be 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-' (not only dots)")]
    [InlineData("client.givenName", "\"\"", "must be a string of 1 to 100 characters")]
    [InlineData("client.email", "\"maria.santos@example\"", EmailRule)]
    [InlineData("client.preferredLanguage", "\"en_GB\"", null)]
    public void One_broken_field_gives_one_error_at_its_path(string path, string value, string? message)
    {
        var result = IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, path, Literal(value)));

        result.IsValid.Should().BeFalse();
        result.Errors.Should().ContainSingle();
        var expectedPath = path == "clinician" && value.StartsWith('{') ? "clinician.personalityDisorder" : path;
        result.Errors[0].Path.Should().Be(expectedPath);
        if (message is not null) result.Errors[0].Message.Should().Be(message);
        else result.Errors[0].Message.Should().StartWith("must be");
    }

    private const string EmailRule =
        "must be an e-mail address such as name@example.org (one '@', a local part of at most 64 characters, " +
        "a domain with at least one dot, no spaces, at most 254 characters)";

    [Theory]
    [InlineData("schemaVersion")]
    [InlineData("referralId")]
    [InlineData("receivedAt")]
    [InlineData("referrer")]
    [InlineData("referrer.kind")]
    [InlineData("client")]
    [InlineData("client.givenName")]
    [InlineData("client.familyName")]
    [InlineData("client.dateOfBirth")]
    [InlineData("client.sex")]
    [InlineData("client.consent")]
    [InlineData("client.consent.contactByEmail")]
    [InlineData("client.consent.shareWithClinic")]
    [InlineData("presentation")]
    [InlineData("presentation.problemAreas")]
    [InlineData("presentation.episodeDurationMonths")]
    [InlineData("instruments")]
    [InlineData("instruments.phq9")]
    [InlineData("instruments.cssrs.behaviorPast3Months")]
    public void A_missing_required_property_is_reported_at_its_path(string path)
    {
        SampleForms.Without(SampleForms.IptGrief, path).ShouldFailWith((path, "is required"));
    }

    [Theory]
    [InlineData("", "extra", "extra")]
    [InlineData("client", "middleName", "client.middleName")]
    [InlineData("client.consent", "contactByPhone", "client.consent.contactByPhone")]
    [InlineData("instruments", "phq2", "instruments.phq2")]
    [InlineData("instruments.cssrs", "q7", "instruments.cssrs.q7")]
    [InlineData("referrer", "Kind", "referrer.Kind")]
    public void An_unknown_property_is_reported_at_its_path(string objectPath, string name, string expectedPath)
    {
        var form = SampleForms.With(SampleForms.IptGrief, json =>
        {
            var target = objectPath.Length == 0 ? json : json.At(objectPath)!.AsObject();
            target[name] = new System.Text.Json.Nodes.JsonObject { ["nested"] = new System.Text.Json.Nodes.JsonArray(1, 2) };
        });

        form.ShouldFailWith((expectedPath, "unknown property"));
    }

    [Fact]
    public void An_unknown_property_with_an_odd_name_is_reported_at_its_object_without_the_name()
    {
        var form = SampleForms.With(SampleForms.IptGrief, json => json.At("client")!.AsObject()["maria santos 1979"] = 1);

        form.ShouldFailWith(("client", "has an unknown property whose name is not a plain identifier"));
    }

    [Theory]
    [InlineData("instruments.phq9", 9, 8)]
    [InlineData("instruments.phq9", 9, 10)]
    [InlineData("instruments.gad7", 7, 6)]
    [InlineData("instruments.auditC", 3, 4)]
    [InlineData("instruments.phq9", 9, 0)]
    public void Arrays_must_have_the_instrument_length(string path, int expected, int length)
    {
        var items = Literal("[" + string.Join(",", Enumerable.Repeat("0", length)) + "]");

        SampleForms.WithValue(SampleForms.IptGrief, path, items).ShouldFailWith((path, $"must have exactly {expected} items, not {length}"));
    }

    [Theory]
    [InlineData("instruments.pqb", "[0,1,2,3,4,5,6,0,0,0,0,0,0,0,0,0,0,0,0,0,0]", "instruments.pqb[6]", "must be an integer from 0 to 5")]
    [InlineData("instruments.pqb", "[0,0,0]", "instruments.pqb", "must have exactly 21 items, not 3")]
    [InlineData("instruments.msiBpd", "[true,false,true,false,true,false,true,false,true]", "instruments.msiBpd", "must have exactly 10 items, not 9")]
    [InlineData("instruments.msiBpd", "[true,false,true,false,true,false,true,false,true,0]", "instruments.msiBpd[9]", "must be true or false, not a number")]
    [InlineData("instruments.mdq", "{\"symptoms\":[true,true,true,true,true,true,true,true,true,true,true,true],\"sameTimePeriod\":true,\"impairment\":\"serious\"}", "instruments.mdq.symptoms", "must have exactly 13 items, not 12")]
    [InlineData("instruments.mdq", "{\"symptoms\":[true,true,true,true,true,true,true,true,true,true,true,true,true],\"impairment\":\"serious\"}", "instruments.mdq.sameTimePeriod", "is required")]
    [InlineData("instruments.mdq", "{\"symptoms\":[true,true,true,true,true,true,true,true,true,true,true,true,true],\"sameTimePeriod\":true,\"impairment\":\"severe\"}", "instruments.mdq.impairment", "must be one of: none, minor, moderate, serious")]
    [InlineData("instruments.pcPtsd5", "{\"traumaExposure\":false}", "instruments.pcPtsd5.items", "is required")]
    [InlineData("instruments.pcPtsd5", "{\"traumaExposure\":true,\"items\":[true,true,true,true,true,true]}", "instruments.pcPtsd5.items", "must have exactly 5 items, not 6")]
    public void Optional_instruments_are_checked_when_present(string path, string value, string errorPath, string message)
    {
        SampleForms.WithValue(SampleForms.IptGrief, path, Literal(value)).ShouldFailWith((errorPath, message));
    }

    [Fact]
    public void A_repeated_problem_area_is_reported_at_the_repeat()
    {
        SampleForms.WithValue(SampleForms.IptGrief, "presentation.problemAreas", Literal("[\"grief\",\"role-dispute\",\"grief\"]"))
            .ShouldFailWith(("presentation.problemAreas[2]", "repeats grief; each problem area may appear once"));
    }

    [Fact]
    public void Lengths_count_characters_with_a_surrogate_pair_as_one()
    {
        var hundredEmoji = string.Concat(Enumerable.Repeat("😀", 100));
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "client.givenName", hundredEmoji)).IsValid.Should().BeTrue();

        SampleForms.WithValue(SampleForms.IptGrief, "client.givenName", hundredEmoji + "a")
            .ShouldFailWith(("client.givenName", "must be a string of 1 to 100 characters"));
    }

    [Theory]
    [InlineData("referrer.name", 200)]
    [InlineData("referrer.organisation", 200)]
    [InlineData("client.familyName", 100)]
    [InlineData("client.phone", 32)]
    [InlineData("presentation.summary", 4000)]
    public void Text_may_be_as_long_as_its_limit_and_no_longer(string path, int limit)
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, path, new string('x', limit))).IsValid.Should().BeTrue();

        var result = IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, path, new string('x', limit + 1)));
        result.Errors.Should().ContainSingle().Which.Path.Should().Be(path);
    }

    [Fact]
    public void A_referral_id_may_be_64_characters_of_the_allowed_set()
    {
        var id = string.Concat(Enumerable.Repeat("aZ0._-", 11))[..64];
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "referralId", id)).Form!.ReferralId.Should().Be(id);

        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "referralId", id + "a")).Errors
            .Should().ContainSingle().Which.Path.Should().Be("referralId");
    }

    [Theory]
    [InlineData(".a")]
    [InlineData("a..")]
    [InlineData("._")]
    [InlineData("-")]
    public void A_referral_id_with_dots_and_anything_else_is_allowed(string id)
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "referralId", id)).Form!.ReferralId.Should().Be(id);
    }

    [Fact]
    public void A_non_ascii_letter_is_not_allowed_in_a_referral_id()
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.IptGrief, "referralId", "EX-Ö1")).Errors
            .Should().ContainSingle().Which.Path.Should().Be("referralId");
    }
}
