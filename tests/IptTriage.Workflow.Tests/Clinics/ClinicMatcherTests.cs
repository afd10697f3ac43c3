using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;

namespace IptTriage.Workflow.Tests.Clinics;

public sealed class ClinicMatcherTests
{
    private static readonly ClinicDirectory Directory = BundledDirectory.Load();
    private static readonly HashSet<string> NoneTried = [];

    private static IEnumerable<string> Match(PlacementNeed need, IReadOnlySet<string>? tried = null) =>
        ClinicMatcher.Candidates(Directory.Clinics, need, tried ?? NoneTried).Select(clinic => clinic.Id);

    [Fact]
    public void Routine_ipt_in_the_north_prefers_the_local_clinic_then_telehealth()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "en"))
            .Should().Equal("eastside-young-people", "northbridge-ipt", "lumen-telehealth");
    }

    [Fact]
    public void An_adaptation_the_local_clinic_lacks_leaves_only_clinics_that_offer_it()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [Adaptation.IptA], "north", "en"))
            .Should().Equal("eastside-young-people", "lumen-telehealth");
        Match(new PlacementNeed(Pathway.IptWithMedication, null, [Adaptation.Ipsrt, Adaptation.IptLateLife], "south", "en"))
            .Should().Equal("lumen-telehealth");
    }

    [Fact]
    public void Language_matches_on_the_primary_subtag()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "es-MX")).Should().Equal("northbridge-ipt", "lumen-telehealth");
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "pl")).Should().BeEmpty();
    }

    [Fact]
    public void Alternative_pathways_match_on_modality_not_on_ipt_pathways()
    {
        Match(new PlacementNeed(Pathway.Alternative, Modality.CrisisServices, [], "west", "en")).Should().Equal("harbour-crisis");
        Match(new PlacementNeed(Pathway.Alternative, Modality.TraumaFocusedTherapy, [], "west", "en"))
            .Should().Equal("westfield-community", "riverside-specialist");
    }

    [Fact]
    public void Without_a_region_only_telehealth_clinics_can_take_the_case()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], null, "en")).Should().Equal("lumen-telehealth");
    }

    [Fact]
    public void Clinics_already_tried_are_skipped()
    {
        Match(new PlacementNeed(Pathway.Ipt, null, [], "north", "en"), new HashSet<string> { "eastside-young-people", "northbridge-ipt" })
            .Should().Equal("lumen-telehealth");
    }
}
