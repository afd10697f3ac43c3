using IptTriage.Triage.Decisions;
using IptTriage.Workflow.Clinics;

namespace IptTriage.Workflow.Tests.Clinics;

/// <summary>Why a clinic does not match a case, and the placement options built from it.</summary>
public sealed class ClinicMismatchTests
{
    private static readonly ClinicDirectory Directory = BundledDirectory.Load();
    private static readonly HashSet<string> NoneTried = [];

    private static Clinic Clinic(string id) => Directory.Find(id)!;

    /// <summary>Every combination of the facts matching reads, over values the bundled directory does and does not serve.</summary>
    public static IEnumerable<PlacementNeed> Needs()
    {
        (Pathway, Modality?)[] services =
        [
            (Pathway.Ipt, null), (Pathway.IptWithMedication, null),
            .. Enum.GetValues<Modality>().Select(modality => (Pathway.Alternative, (Modality?)modality)), (Pathway.Alternative, null),
        ];
        Adaptation[][] adaptations = [[], [Adaptation.IptA], [Adaptation.IptPerinatal], [Adaptation.Ipsrt, Adaptation.IptLateLife]];
        string?[] regions = ["north", "south", "east", "west", "elsewhere", null];
        string[] languages = ["en", "es-MX", "pl", "fr"];
        int[] ages = [0, 15, 17, 18, 47, 90];
        return from service in services from adaptation in adaptations from region in regions from language in languages from age in ages
               select new PlacementNeed(service.Item1, service.Item2, adaptation, region, language, age);
    }

    [Fact]
    public void The_candidates_are_exactly_the_clinics_with_no_mismatch_for_every_need()
    {
        var needs = Needs().ToList();
        needs.Should().HaveCountGreaterThan(1000);
        foreach (var need in needs)
        {
            ClinicMatcher.Candidates(Directory.Clinics, need, NoneTried).Select(clinic => clinic.Id).Should().BeEquivalentTo(
                Directory.Clinics.Where(clinic => ClinicMatcher.Mismatches(clinic, need).Count == 0).Select(clinic => clinic.Id), need.ToString());
        }
        needs.Should().Contain(need => ClinicMatcher.Candidates(Directory.Clinics, need, NoneTried).Count > 1, "the grid reaches needs that several clinics match")
            .And.Contain(need => ClinicMatcher.Candidates(Directory.Clinics, need, NoneTried).Count == 0);
    }

    [Fact]
    public void Each_fact_a_clinic_does_not_serve_is_its_own_coded_reason()
    {
        var polishTeenagerInTheWest = new PlacementNeed(Pathway.Ipt, null, [Adaptation.IptA], "west", "pl", 15);

        ClinicMatcher.Mismatches(Clinic("northbridge-ipt"), polishTeenagerInTheWest).Should()
            .Equal(ClinicMismatch.Adaptation, ClinicMismatch.Region, ClinicMismatch.Language, ClinicMismatch.Age);
        ClinicMatcher.Mismatches(Clinic("westfield-community"), polishTeenagerInTheWest).Should().Equal(ClinicMismatch.Pathway, ClinicMismatch.Adaptation);
        ClinicMatcher.Mismatches(Clinic("lumen-telehealth"), polishTeenagerInTheWest).Should().Equal(ClinicMismatch.Language);
        ClinicMatcher.Mismatches(Clinic("northbridge-ipt"), new PlacementNeed(Pathway.Alternative, Modality.Cbt, [], "north", "en", 40))
            .Should().Equal([ClinicMismatch.Modality], "an alternative service is matched on its modality");
    }

    [Theory]
    [InlineData(1, new ClinicMismatch[0])]
    [InlineData(0, new[] { ClinicMismatch.Capacity })]
    public void No_free_slot_is_a_mismatch_after_the_others(int free, ClinicMismatch[] expected)
    {
        var need = new PlacementNeed(Pathway.Ipt, null, [], "north", "en", 40);

        ClinicMatcher.Mismatches(Clinic("northbridge-ipt"), need, free).Should().Equal(expected);
        ClinicMatcher.Mismatches(Clinic("northbridge-ipt"), need with { Language = "pl" }, free).Should().Equal([ClinicMismatch.Language, .. expected]);
    }

    [Fact]
    public void Placement_options_list_the_matching_clinics_with_room_in_offer_order_then_the_others_fewest_mismatches_first()
    {
        var need = new PlacementNeed(Pathway.Ipt, null, [], "north", "en", 40);
        var occupancy = Directory.Clinics.ToDictionary(clinic => clinic.Id, clinic => new ClinicOccupancy(clinic.Capacity, 0));
        occupancy["northbridge-ipt"] = new ClinicOccupancy(2, 2);

        var options = PlacementOptions.For(Directory, need, occupancy);

        options.Select(option => (option.Clinic.Id, option.Matches)).Should().Equal(
            ("lumen-telehealth", true),
            ("eastside-young-people", false),
            ("harbour-crisis", false),
            ("northbridge-ipt", false),
            ("riverside-specialist", false),
            ("southgate-mood", false),
            ("westfield-community", false));
        options.Single(option => option.Clinic.Id == "eastside-young-people").Mismatches.Should().Equal(ClinicMismatch.Age);
        options.Single(option => option.Clinic.Id == "northbridge-ipt").Mismatches.Should().Equal(ClinicMismatch.Capacity);
        options.Single(option => option.Clinic.Id == "southgate-mood").Mismatches.Should().Equal(ClinicMismatch.Region);
        options.Single(option => option.Clinic.Id == "harbour-crisis").Mismatches.Should().Equal(ClinicMismatch.Pathway);
        options.Single(option => option.Clinic.Id == "westfield-community").Mismatches.Should().Equal(ClinicMismatch.Pathway, ClinicMismatch.Region);
        options.Should().OnlyContain(option => option.Occupancy == occupancy[option.Clinic.Id]);
    }
}
