using IptTriage.Triage.Decisions;

namespace IptTriage.Triage.Tests;

public sealed class WireCodeSetTests
{
    [Fact]
    public void Lists_each_value_once_in_ordinal_order_of_its_code()
    {
        var set = new WireCodeSet<Adaptation>();
        foreach (var adaptation in (Adaptation[])[Adaptation.IptLateLife, Adaptation.IptA, Adaptation.Ipsrt, Adaptation.IptA])
        {
            set.Add(adaptation);
        }

        set.ToValues().Should().Equal(Adaptation.Ipsrt, Adaptation.IptA, Adaptation.IptLateLife);
        set.ToCodes().Should().Equal("ipsrt", "ipt-a", "ipt-late-life");
        set.Contains(Adaptation.IptA).Should().BeTrue();
        set.Contains(Adaptation.IptEd).Should().BeFalse();
    }

    [Fact]
    public void Every_value_of_an_enum_comes_out_sorted_as_ordinal_string_comparison_sorts_the_codes()
    {
        var set = new WireCodeSet<Flag>();
        foreach (var flag in Enum.GetValues<Flag>()) set.Add(flag);

        set.ToCodes().Should().Equal(WireCode.All<Flag>().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_empty_set_lists_nothing() => default(WireCodeSet<Exclusion>).ToCodes().Should().BeEmpty();
}
