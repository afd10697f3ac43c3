using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;

namespace IptTriage.Workflow.Tests.Clinics;

public sealed class ClinicMatcherTests
{
    private static readonly ClinicDirectory Directory = BundledDirectory.Load();
    private static readonly HashSet<string> NoneTried = [];
    private const int Adult = 40;
    private const int Adolescent = 15;

    private static IEnumerable<string> Match(PlacementNeed need, IReadOnlySet<string>? tried = null) =>
        ClinicMatcher.Candidates(Directory.Clinics, need, tried ?? NoneTried).Select(clinic => clinic.Id);

    [Fact]
    public void Routine_ipt_in_the_north_prefers_the_local_clinic_then_telehealth()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "en", Adult))
            .Should().Equal("northbridge-ipt", "lumen-telehealth");
    }

    [Theory]
    [InlineData(18)]
    [InlineData(47)]
    [InlineData(80)]
    public void An_adult_is_never_offered_to_the_young_peoples_service(int age)
    {
        foreach (var adaptations in new[] { Array.Empty<Adaptation>(), [Adaptation.IptA] })
        {
            Match(new PlacementNeed(Pathway.Ipt, null, adaptations, "north", "en", age)).Should().NotContain("eastside-young-people");
            Match(new PlacementNeed(Pathway.Ipt, null, adaptations, "east", "en", age)).Should().NotContain("eastside-young-people");
        }
        Match(new PlacementNeed(Pathway.Alternative, Modality.ChildAndFamilyServices, [], "east", "en", age))
            .Should().NotContain("eastside-young-people");
    }

    [Fact]
    public void A_young_person_is_offered_the_young_peoples_service_and_not_the_adult_clinics()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [Adaptation.IptA], "north", "en", Adolescent))
            .Should().Equal("eastside-young-people", "lumen-telehealth");
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "en", Adolescent))
            .Should().Equal("eastside-young-people", "lumen-telehealth");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(11, true)]
    [InlineData(17, true)]
    [InlineData(18, false)]
    public void The_age_range_end_is_inclusive(int age, bool served)
    {
        ClinicMatcher.ServesAge(Directory.Find("eastside-young-people")!, age).Should().Be(served);
    }

    [Fact]
    public void An_adaptation_the_local_clinic_lacks_leaves_only_clinics_that_offer_it()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [Adaptation.IptA], "north", "en", Adolescent))
            .Should().Equal("eastside-young-people", "lumen-telehealth");
        Match(new PlacementNeed(Pathway.IptWithMedication, null, [Adaptation.Ipsrt, Adaptation.IptLateLife], "south", "en", Adult))
            .Should().Equal("lumen-telehealth");
    }

    [Fact]
    public void Language_matches_on_the_primary_subtag()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "es-MX", Adult)).Should().Equal("northbridge-ipt", "lumen-telehealth");
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "pl", Adult)).Should().BeEmpty();
    }

    [Fact]
    public void Alternative_pathways_match_on_modality_not_on_ipt_pathways()
    {
        Match(new PlacementNeed(Pathway.Alternative, Modality.CrisisServices, [], "west", "en", Adult)).Should().Equal("harbour-crisis");
        Match(new PlacementNeed(Pathway.Alternative, Modality.TraumaFocusedTherapy, [], "west", "en", Adult))
            .Should().Equal("westfield-community", "riverside-specialist");
    }

    [Fact]
    public void Without_a_region_only_telehealth_clinics_can_take_the_case()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], null, "en", Adult)).Should().Equal("lumen-telehealth");
    }

    [Fact]
    public void Clinics_already_tried_are_skipped()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [Adaptation.IptA], "north", "en", Adolescent), new HashSet<string> { "eastside-young-people" })
            .Should().Equal("lumen-telehealth");
    }
}
