using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.Decisions;

public sealed class AdaptationTests
{
    [Theory]
    [InlineData(12, new[] { Adaptation.IptA })]
    [InlineData(17, new[] { Adaptation.IptA })]
    [InlineData(18, new Adaptation[0])]
    [InlineData(64, new Adaptation[0])]
    [InlineData(65, new[] { Adaptation.IptLateLife })]
    [InlineData(90, new[] { Adaptation.IptLateLife })]
    public void Age_adaptations_on_the_birthday(int years, Adaptation[] adaptations)
    {
        Baseline.AgedOnBirthday(years).Decide().Adaptations.Should().Equal(adaptations);
    }

    [Theory]
    [InlineData(18, new[] { Adaptation.IptA })]
    [InlineData(65, new Adaptation[0])]
    public void Age_adaptations_the_day_before_the_birthday(int years, Adaptation[] adaptations)
    {
        var form = Baseline.AgedOnBirthday(years);

        (form with { ReceivedAt = form.ReceivedAt.AddDays(-1) }).Decide().Adaptations.Should().Equal(adaptations);
    }

    [Theory]
    // Born 29 Feb 2008: 18 on 1 March 2026 (not a leap year), not on 28 February.
    [InlineData("2026-02-28T12:00:00Z", new[] { Adaptation.IptA })]
    [InlineData("2026-03-01T00:00:00Z", new Adaptation[0])]
    // In the leap year 2024 the 16th birthday is 29 February itself.
    [InlineData("2024-02-28T12:00:00Z", new[] { Adaptation.IptA })]
    public void Born_on_29_February(string receivedAt, Adaptation[] adaptations)
    {
        var form = Baseline.WithClient(c => c with { DateOfBirth = new DateOnly(2008, 2, 29) }) with { ReceivedAt = DateTimeOffset.Parse(receivedAt) };

        form.Decide().Adaptations.Should().Equal(adaptations);
    }

    [Fact]
    public void Born_on_29_February_is_65_on_1_March_of_a_non_leap_year()
    {
        // A 12th birthday always falls in a leap year; the 65th of someone born in 1960 does not.
        var form = Baseline.WithClient(c => c with { DateOfBirth = new DateOnly(1960, 2, 29) });

        (form with { ReceivedAt = DateTimeOffset.Parse("2025-02-28T23:59:00Z") }).Decide().Adaptations.Should().BeEmpty();
        (form with { ReceivedAt = DateTimeOffset.Parse("2025-03-01T00:00:00Z") }).Decide().Adaptations.Should().Equal(Adaptation.IptLateLife);
    }

    [Fact]
    public void Born_on_29_February_is_12_on_29_February_of_the_leap_year()
    {
        var form = Baseline.WithClient(c => c with { DateOfBirth = new DateOnly(2012, 2, 29) });

        (form with { ReceivedAt = DateTimeOffset.Parse("2024-02-28T23:59:00Z") }).Decide().Exclusions.Should().Equal("under-age");
        (form with { ReceivedAt = DateTimeOffset.Parse("2024-02-29T00:00:00Z") }).Decide().Adaptations.Should().Equal(Adaptation.IptA);
    }

    [Theory]
    // 23:30 on 1 November at UTC-05:00 is already 2 November in UTC, but the form's own date is what counts.
    [InlineData("2026-11-01T23:30:00-05:00", new[] { Adaptation.IptA })]
    [InlineData("2026-11-02T00:30:00+13:00", new Adaptation[0])]
    public void The_18th_birthday_is_taken_in_the_offset_of_receivedAt(string receivedAt, Adaptation[] adaptations)
    {
        var form = Baseline.WithClient(c => c with { DateOfBirth = new DateOnly(2008, 11, 2) }) with { ReceivedAt = DateTimeOffset.Parse(receivedAt) };

        form.Decide().Adaptations.Should().Equal(adaptations);
    }

    [Fact]
    public void Perinatal_adds_ipt_perinatal()
    {
        Baseline.WithPresentation(p => p with { Perinatal = true }).Decide().Adaptations.Should().Equal(Adaptation.IptPerinatal);
    }

    [Fact]
    public void Adaptations_apply_on_ipt_with_medication_and_are_sorted_by_code()
    {
        var decision = Baseline.AgedOnBirthday(13)
            .WithPresentation(p => p with { Perinatal = true, EatingDisorder = EatingDisorder.Bulimia })
            .WithClinician(c => c with { BipolarHistory = true })
            .Decide();

        decision.Pathway.Should().Be(Pathway.IptWithMedication);
        decision.Adaptations.Should().Equal(Adaptation.Ipsrt, Adaptation.IptA, Adaptation.IptEd, Adaptation.IptPerinatal);
    }

    [Fact]
    public void No_adaptation_on_an_alternative_pathway()
    {
        var decision = Baseline.AgedOnBirthday(70)
            .WithPresentation(p => p with { Perinatal = true, ProblemAreas = [] })
            .WithClinician(c => c with { PredominantCognitiveDistortions = true })
            .Decide();

        decision.Pathway.Should().Be(Pathway.Alternative);
        decision.Adaptations.Should().BeEmpty();
    }
}
