using IptTriage.Workflow.Records;

namespace IptTriage.Workflow.Tests.Records;

public sealed class SearchTermsTests
{
    [Theory]
    [InlineData("Zoë", "zoe")]
    [InlineData("ÀÁÂÃÄÅ Ç ÈÉÊË ÌÍÎÏ Ð Ñ ÒÓÔÕÖ Ø ÙÚÛÜ Ý", "aaaaaa c eeee iiii d n ooooo o uuuu y")]
    [InlineData("Łódź Dvořák Şişli Ğündüz Ærøskøbing Œuvre Straße Þór Ĳssel", "lodz dvorak sisli gunduz aeroskobing oeuvre strasse thor ijssel")]
    [InlineData("O'Brien-Núñez", "obrien nunez")]
    [InlineData("Mary  Ann\tSmith–Jones", "mary ann smith jones")]
    [InlineData("Ch\u0065\u0301rie", "cherie")]
    [InlineData("Владимир 李", "владимир 李")]
    [InlineData("÷ - ", "")]
    public void Names_fold_to_lower_case_words_without_accents_or_apostrophes(string name, string words)
    {
        SearchTerms.Words(name).Should().Equal(words.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Every_latin_letter_in_the_folded_range_folds_to_ascii()
    {
        for (var c = '\u00C0'; c <= '\u017F'; c++)
        {
            if (c is '×' or '÷') continue;
            SearchTerms.Words(c.ToString()).Should().ContainSingle().Which.Should().MatchRegex("^[a-z]{1,2}$", $"U+{(int)c:X4} {c}");
        }
    }

    [Fact]
    public void A_forms_terms_are_its_clients_name_words_and_date_of_birth_and_a_broken_form_has_none()
    {
        var form = """{"client":{"givenName":"Anna Maria","familyName":"Núñez","dateOfBirth":"1990-05-01","email":"a@example.org"}}"""u8;

        SearchTerms.OfForm(form).Should().Equal("d:1990-05-01", "n:anna", "n:maria", "n:nunez");
        SearchTerms.OfForm("""{"client":{"givenName":5,"dateOfBirth":"01/05/1990"}}"""u8).Should().BeEmpty();
        SearchTerms.OfForm("{not json"u8).Should().BeEmpty();
        SearchTerms.OfForm("[]"u8).Should().BeEmpty();
    }

    [Theory]
    [InlineData("SMP-01", "SMP-01", new string[] { "n:smp", "n:01" }, null)]
    [InlineData("1990-05-01", "1990-05-01", new string[0], "d:1990-05-01")]
    [InlineData("zoë smith", null, new[] { "n:zoe", "n:smith" }, null)]
    public void A_search_is_read_as_an_id_prefix_name_words_or_a_date(string text, string? id, string[] names, string? born)
    {
        var search = ReferralSearch.Of(text)!;

        search.IdPrefix.Should().Be(id);
        search.NameTerms.Should().Equal(names);
        search.DateOfBirth.Should().Be(born);
        ReferralSearch.Of(" ++ ").Should().BeNull();
    }

    [Fact]
    public void A_prefix_end_is_the_first_string_after_every_string_with_the_prefix()
    {
        string.CompareOrdinal("n:zoe\uFFFF", SearchTerms.PrefixEnd("n:zoe")).Should().BeNegative();
        string.CompareOrdinal("n:zof", SearchTerms.PrefixEnd("n:zoe")).Should().Be(0);
    }
}
