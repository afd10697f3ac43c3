using System.Text.Json;
using IptTriage.Triage.Policy;
using IptTriage.Triage.Tests.Policy;
using static IptTriage.Triage.Tests.TestForms;

namespace IptTriage.Triage.Tests.WhatIf;

public sealed class PolicyDiffTests
{
    /// <summary>Every leaf of the default policy file by its JSON path: a severity band's [from, to] pair is one leaf.</summary>
    private static IEnumerable<string> LeafPathsOfTheDefaultFile()
    {
        using var resource = typeof(PolicyFile).Assembly.GetManifestResourceStream("IptTriage.Triage.default-policy.json")!;
        using var document = JsonDocument.Parse(resource);
        IEnumerable<string> Leaves(JsonElement element, string path) => element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().SelectMany(property => Leaves(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}"))
            : [path];
        return [.. Leaves(document.RootElement, "")];
    }

    [Fact]
    public void Every_setting_of_the_file_is_compared_in_the_files_order()
    {
        PolicyDiff.Settings(DefaultPolicy).Select(setting => setting.Path).Should().Equal(LeafPathsOfTheDefaultFile());
    }

    [Fact]
    public void The_tuned_sample_differs_from_the_default_in_the_settings_its_description_names()
    {
        PolicyDiff.Between(DefaultPolicy, TunedPolicy.Load()).Where(d => d.Path != "description").Should().Equal(
            new SettingDifference("policyVersion", "1.0.0", "north-clinic-2.1"),
            new SettingDifference("thresholds.phq9.severeDepressionAtLeast", "20", "18"),
            new SettingDifference("thresholds.pcPtsd5.positiveTotalAtLeast", "3", "4"),
            new SettingDifference("thresholds.auditC.positiveTotalAtLeast.male", "4", "5"),
            new SettingDifference("thresholds.auditC.positiveTotalAtLeast.otherwise", "3", "4"),
            new SettingDifference("thresholds.age.adolescentBelowYears", "18", "19"),
            new SettingDifference("thresholds.course.chronicEpisodeMonthsAtLeast", "24", "18"));
    }

    [Fact]
    public void A_severity_band_and_a_code_setting_are_named_with_both_values()
    {
        var bands = DefaultPolicy.Phq9.SeverityBands.Bands;
        var changed = DefaultPolicy with
        {
            Phq9 = DefaultPolicy.Phq9 with { SeverityBands = new([bands[0] with { To = 5 }, bands[1] with { From = 6 }, .. bands.Skip(2)]) },
            Mdq = DefaultPolicy.Mdq with { PositiveImpairmentAtLeast = IptTriage.Triage.Intake.MdqImpairment.Serious },
        };

        PolicyDiff.Between(DefaultPolicy, changed).Should().Equal(
            new SettingDifference("thresholds.phq9.severityBands.minimal", "[0, 4]", "[0, 5]"),
            new SettingDifference("thresholds.phq9.severityBands.mild", "[5, 9]", "[6, 9]"),
            new SettingDifference("thresholds.mdq.positiveImpairmentAtLeast", "moderate", "serious"));
        PolicyDiff.Between(DefaultPolicy, DefaultPolicy).Should().BeEmpty();
    }
}
