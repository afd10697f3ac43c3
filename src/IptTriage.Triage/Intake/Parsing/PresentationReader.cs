using System.Text.Json;

namespace IptTriage.Triage.Intake.Parsing;

internal static class PresentationReader
{
    private enum Property
    {
        Summary, ProblemAreas, EpisodeDurationMonths, PreviousEpisodes, Perinatal, TreatmentPreference, EatingDisorder,
    }

    private static readonly PropertyTable<Property> Table = new(
        "presentation", Property.ProblemAreas, Property.EpisodeDurationMonths);

    public static Presentation? Read(ref Utf8JsonReader reader, ParseContext context)
    {
        var errorsBefore = context.ErrorCount;
        string? summary = null;
        ProblemArea[]? problemAreas = null;
        int? duration = null, previousEpisodes = null;
        bool? perinatal = null;
        TreatmentPreference? preference = null;
        EatingDisorder? eatingDisorder = null;
        var scope = new ObjectScope<Property>(Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var at = Table.PathOf(property);
            switch (property)
            {
                case Property.Summary: summary = ValueReader.ReadText(ref reader, context, at, 0, 4000); break;
                case Property.ProblemAreas: problemAreas = ReadProblemAreas(ref reader, context, at); break;
                case Property.EpisodeDurationMonths: duration = ValueReader.ReadInt(ref reader, context, at, 0, 600); break;
                case Property.PreviousEpisodes:
                    previousEpisodes = ValueReader.ReadInt(ref reader, context, at, 0, int.MaxValue);
                    break;
                case Property.Perinatal: perinatal = ValueReader.ReadBool(ref reader, context, at); break;
                case Property.TreatmentPreference:
                    preference = ValueReader.ReadCode<TreatmentPreference>(ref reader, context, at);
                    break;
                case Property.EatingDisorder: eatingDisorder = ValueReader.ReadCode<EatingDisorder>(ref reader, context, at); break;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore
            ? new Presentation(
                summary,
                problemAreas!,
                duration!.Value,
                previousEpisodes ?? 0,
                perinatal ?? false,
                preference ?? TreatmentPreference.NoPreference,
                eatingDisorder ?? EatingDisorder.None)
            : null;
    }

    /// <summary>Codes in the order written; a repeated code is an error at the repeat.</summary>
    private static ProblemArea[]? ReadProblemAreas(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            ValueReader.Mismatch(ref reader, context, at, "must be an array of problem areas (possibly empty)");
            return null;
        }
        var errorsBefore = context.ErrorCount;
        Span<ProblemArea> areas = stackalloc ProblemArea[WireCode.All<ProblemArea>().Count];
        var count = 0;
        for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
        {
            if (ValueReader.ReadCode<ProblemArea>(ref reader, context, at.Element(index)) is not { } area) continue;
            if (areas[..count].Contains(area))
            {
                context.Error(at.Element(index), $"repeats {WireCode.Of(area)}; each problem area may appear once");
            }
            else
            {
                areas[count++] = area;
            }
        }
        return context.ErrorCount == errorsBefore ? areas[..count].ToArray() : null;
    }
}
