using IptTriage.Triage.Decisions;
using static IptTriage.Triage.Decisions.Rules;

namespace IptTriage.Triage.Tests.Decisions;

/// <summary>The rule-table vocabulary: texts only for rules that fire, joined exactly as before.</summary>
public sealed class RulesTests
{
    [Fact]
    public void When_false_never_evaluates_nor_formats_the_text()
    {
        var evaluated = 0;
        int Hole() => ++evaluated;

        When(false, $"total {Hole()} is at or above {Hole()}").Should().BeNull();
        evaluated.Should().Be(0);
    }

    [Fact]
    public void When_true_formats_the_text()
    {
        var total = 21;
        When(true, $"PHQ-9 total {total} is at or above {20}").Should().Be("PHQ-9 total 21 is at or above 20");
        When(true, "Clinician reports current mania").Should().Be("Clinician reports current mania");
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("a", null, "a")]
    [InlineData(null, "b", "b")]
    [InlineData("a", "b", "a; b")]
    public void AnyOf_joins_the_conditions_that_hold_in_order(string? first, string? second, string? reason) =>
        AnyOf(first, second).Should().Be(reason);

    [Fact]
    public void JoinPresent_skips_absent_parts() =>
        JoinPresent(", ", [null, "intent (Q4)", null, "plan with intent (Q5)", "past 3 months"])
            .Should().Be("intent (Q4), plan with intent (Q5), past 3 months");
}
