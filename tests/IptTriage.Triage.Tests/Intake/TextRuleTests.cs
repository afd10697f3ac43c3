using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

public sealed class TextRuleTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("EN-gb")]
    [InlineData("es-419")]
    [InlineData("zh-Hant-TW")]
    [InlineData("sr-Latn-RS")]
    [InlineData("zh-yue-HK")]
    [InlineData("zh-min-nan")]
    [InlineData("sl-rozaj-biske")]
    [InlineData("de-CH-1901")]
    [InlineData("en-US-u-ca-gregory")]
    [InlineData("en-a-bbb-x-a-ccc")]
    [InlineData("x-whatever")]
    [InlineData("en-x-US")]
    [InlineData("i-klingon")]
    [InlineData("EN-gb-OED")]
    [InlineData("art-lojban")]
    [InlineData("abcd")]
    [InlineData("haw")]
    public void Well_formed_language_tags_are_accepted(string tag)
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.preferredLanguage", tag)).Form!
            .Client.PreferredLanguage.Should().Be(tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("e")]
    [InlineData("en_GB")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en--GB")]
    [InlineData("en-GB-")]
    [InlineData("123")]
    [InlineData("abcdefghi")]
    [InlineData("en-abc-def-ghi-jkl")]
    [InlineData("en-a")]
    [InlineData("en-a-b")]
    [InlineData("x")]
    [InlineData("en-x")]
    [InlineData("en-x-abcdefghi")]
    [InlineData("en-GB-US")]
    [InlineData("en-Latn-Latn")]
    [InlineData("de-1901-CH")]
    [InlineData("en US")]
    [InlineData("ényi")]
    [InlineData("i-bogus")]
    public void Malformed_language_tags_are_refused(string tag)
    {
        SampleForms.WithValue(SampleForms.Minimal, "client.preferredLanguage", tag).ShouldFailWith(
            ("client.preferredLanguage", "must be a well-formed BCP 47 language tag such as en, es-419 or zh-Hant-TW"));
    }

    [Theory]
    [InlineData("a@b.co")]
    [InlineData("first.last@example.org")]
    [InlineData("user+tag@sub.example-domain.com")]
    [InlineData("o'brien@example.ie")]
    [InlineData("x@1.2")]
    [InlineData("!#$%&'*+/=?^_`{|}~-@example.org")]
    public void Pragmatic_email_addresses_are_accepted(string email)
    {
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.email", email)).Form!.Client.Email.Should().Be(email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plainaddress")]
    [InlineData("@example.org")]
    [InlineData("user@")]
    [InlineData("user@localhost")]
    [InlineData("user@@example.org")]
    [InlineData("us@er@example.org")]
    [InlineData("user name@example.org")]
    [InlineData("user@exa mple.org")]
    [InlineData(".user@example.org")]
    [InlineData("user.@example.org")]
    [InlineData("us..er@example.org")]
    [InlineData("user@-example.org")]
    [InlineData("user@example-.org")]
    [InlineData("user@example..org")]
    [InlineData("user@example.org.")]
    [InlineData("user@exam_ple.org")]
    [InlineData("\"quoted\"@example.org")]
    [InlineData("user@[192.168.0.1]")]
    [InlineData("josé@example.org")]
    public void Malformed_email_addresses_are_refused(string email)
    {
        var result = IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "referrer.email", email));

        result.Errors.Should().ContainSingle().Which.Path.Should().Be("referrer.email");
    }

    [Fact]
    public void Email_lengths_are_limited_to_64_for_the_local_part_and_254_overall()
    {
        var label = new string('d', 63);
        var domain = $"{label}.{label}.{label}.{new string('d', 57)}"; // 63*3 + 57 + 3 dots = 249
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.email", $"{new string('l', 4)}@{domain}")).IsValid.Should().BeTrue();
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.email", $"{new string('l', 5)}@{domain}")).IsValid.Should().BeFalse();
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.email", $"{new string('l', 64)}@example.org")).IsValid.Should().BeTrue();
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.email", $"{new string('l', 65)}@example.org")).IsValid.Should().BeFalse();
        IntakeParser.Parse(SampleForms.WithValue(SampleForms.Minimal, "client.email", $"a@{new string('d', 64)}.org")).IsValid.Should().BeFalse();
    }
}
