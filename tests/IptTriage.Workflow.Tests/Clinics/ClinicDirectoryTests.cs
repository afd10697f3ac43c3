using System.Text;
using IptTriage.Workflow.Clinics;

namespace IptTriage.Workflow.Tests.Clinics;

public sealed class ClinicDirectoryTests
{
    private const string ValidClinic =
        """{"id":"a","name":"A","email":"a@example.org","regions":["north"],"telehealth":false,"languages":["en"],"pathways":["ipt"],"modalities":[],"adaptations":[],"capacity":2}""";

    private static Func<ClinicDirectory> Loading(string json) =>
        () => ClinicDirectory.Load(new MemoryStream(Encoding.UTF8.GetBytes(json)), "clinics.json");

    [Fact]
    public void The_bundled_directory_covers_every_region_pathway_and_modality()
    {
        var directory = BundledDirectory.Load();

        directory.Clinics.Should().HaveCountGreaterThanOrEqualTo(6);
        directory.Clinics.SelectMany(c => c.Regions).Distinct().Should().BeEquivalentTo(["north", "south", "east", "west"]);
        directory.Clinics.SelectMany(c => c.Modalities).Distinct().Should().BeEquivalentTo(Enum.GetValues<Triage.Decisions.Modality>());
        directory.Clinics.SelectMany(c => c.Adaptations).Distinct().Should().BeEquivalentTo(Enum.GetValues<Triage.Decisions.Adaptation>());
        directory.Clinics.Should().Contain(c => c.Telehealth).And.Contain(c => c.Languages.Contains("es"));
        directory.Find("lumen-telehealth")!.Capacity.Should().Be(6);
        directory.Find("nowhere").Should().BeNull();
    }

    [Fact]
    public void Broken_json_names_the_source_and_position()
    {
        Loading("""{"clinics":[""").Should().Throw<ClinicDirectoryException>().WithMessage("clinics.json:*Path: $.clinics*");
    }

    [Fact]
    public void An_unknown_code_or_property_is_refused()
    {
        Loading($$"""{"clinics":[{{ValidClinic.Replace("\"ipt\"", "\"ipt-plus\"", StringComparison.Ordinal)}}]}""")
            .Should().Throw<ClinicDirectoryException>().WithMessage("*$.clinics[0].pathways*");
        Loading($$"""{"clinics":[{{ValidClinic.Replace("\"capacity\"", "\"beds\":1,\"capacity\"", StringComparison.Ordinal)}}]}""")
            .Should().Throw<ClinicDirectoryException>().WithMessage("*beds*");
    }

    [Fact]
    public void Every_inconsistency_is_listed_with_its_path()
    {
        var duplicate = ValidClinic.Replace("\"capacity\":2", "\"capacity\":-1", StringComparison.Ordinal)
            .Replace("a@example.org", "not-an-address", StringComparison.Ordinal);

        Loading($$"""{"clinics":[{{ValidClinic}},{{duplicate}}]}""").Should().Throw<ClinicDirectoryException>()
            .Which.Message.Should().Contain("$.clinics[1].id: 'a' is used by an earlier clinic")
            .And.Contain("$.clinics[1].email")
            .And.Contain("$.clinics[1].capacity: must be 0 or more, not -1");
    }

    [Fact]
    public void Age_ranges_are_optional_and_checked()
    {
        Loading($$"""{"clinics":[{{ValidClinic}}]}""")().Clinics[0].Should().Match<Clinic>(c => c.MinAge == null && c.MaxAge == null);
        var ranged = ValidClinic.Replace("\"capacity\"", "\"minAge\":12,\"maxAge\":17,\"capacity\"", StringComparison.Ordinal);
        Loading($$"""{"clinics":[{{ranged}}]}""")().Clinics[0].Should().Match<Clinic>(c => c.MinAge == 12 && c.MaxAge == 17);
        var backwards = ValidClinic.Replace("\"capacity\"", "\"minAge\":-1,\"maxAge\":-2,\"capacity\"", StringComparison.Ordinal);
        Loading($$"""{"clinics":[{{backwards}}]}""").Should().Throw<ClinicDirectoryException>()
            .Which.Message.Should().Contain("$.clinics[0].minAge: must be 0 or more, not -1")
            .And.Contain("$.clinics[0].maxAge: must be at least minAge (-1), not -2");
    }

    [Fact]
    public void A_missing_required_field_is_refused()
    {
        Loading("""{"clinics":[{"id":"a"}]}""").Should().Throw<ClinicDirectoryException>().WithMessage("clinics.json:*");
    }
}
