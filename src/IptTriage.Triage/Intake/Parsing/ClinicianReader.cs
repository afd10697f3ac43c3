using System.Text.Json;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>Clinician observations: every property optional, booleans default false.</summary>
internal static class ClinicianReader
{
    private enum Property
    {
        CurrentCrisis, PsychoticSymptoms, CurrentMania, BipolarHistory, TraumaFlashbacks, SevereSocialIsolation,
        PredominantCognitiveDistortions, TreatmentResistant, PersonalityDisorder,
    }

    private static readonly PropertyTable<Property> Table = new("clinician");

    public static ClinicianObservations? Read(ref Utf8JsonReader reader, ParseContext context)
    {
        var errorsBefore = context.ErrorCount;
        Span<bool> observed = stackalloc bool[(int)Property.PersonalityDisorder];
        PersonalityDisorder? personalityDisorder = null;
        var scope = new ObjectScope<Property>(Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var at = Table.PathOf(property);
            if (property == Property.PersonalityDisorder)
            {
                personalityDisorder = ValueReader.ReadCode<PersonalityDisorder>(ref reader, context, at);
            }
            else
            {
                observed[(int)property] = ValueReader.ReadBool(ref reader, context, at) ?? false;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore
            ? new ClinicianObservations(
                observed[(int)Property.CurrentCrisis],
                observed[(int)Property.PsychoticSymptoms],
                observed[(int)Property.CurrentMania],
                observed[(int)Property.BipolarHistory],
                observed[(int)Property.TraumaFlashbacks],
                observed[(int)Property.SevereSocialIsolation],
                observed[(int)Property.PredominantCognitiveDistortions],
                observed[(int)Property.TreatmentResistant],
                personalityDisorder ?? PersonalityDisorder.None)
            : null;
    }
}
