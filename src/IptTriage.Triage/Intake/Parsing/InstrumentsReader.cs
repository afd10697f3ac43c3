using System.Text.Json;

namespace IptTriage.Triage.Intake.Parsing;

/// <summary>The questionnaires. Array lengths and item ranges are the instruments' own; an instrument object that is
/// present must be complete (its scoring needs every answer).</summary>
internal static class InstrumentsReader
{
    private enum Property { Phq9, Gad7, Cssrs, Pqb, Mdq, MsiBpd, PcPtsd5, AuditC }

    private enum CssrsProperty
    {
        WishDead, SuicidalThoughts, ThoughtsWithMethod, Intent, PlanWithIntent, BehaviorEver, BehaviorPast3Months,
    }

    private enum MdqProperty { Symptoms, SameTimePeriod, Impairment }

    private enum PcPtsd5Property { TraumaExposure, Items }

    private static readonly PropertyTable<Property> Table = new("instruments", Property.Phq9);

    private static readonly PropertyTable<CssrsProperty> CssrsTable = new("instruments.cssrs", Enum.GetValues<CssrsProperty>());

    private static readonly PropertyTable<MdqProperty> MdqTable = new("instruments.mdq", Enum.GetValues<MdqProperty>());

    private static readonly PropertyTable<PcPtsd5Property> PcPtsd5Table =
        new("instruments.pcPtsd5", Enum.GetValues<PcPtsd5Property>());

    public static Instruments? Read(ref Utf8JsonReader reader, ParseContext context)
    {
        var errorsBefore = context.ErrorCount;
        int[]? phq9 = null, gad7 = null, pqb = null, auditC = null;
        bool[]? msiBpd = null;
        Cssrs? cssrs = null;
        Mdq? mdq = null;
        PcPtsd5? pcPtsd5 = null;
        var scope = new ObjectScope<Property>(Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var at = Table.PathOf(property);
            switch (property)
            {
                case Property.Phq9: phq9 = ValueReader.ReadInts(ref reader, context, at, 9, 0, 3); break;
                case Property.Gad7: gad7 = ValueReader.ReadInts(ref reader, context, at, 7, 0, 3); break;
                case Property.Cssrs: cssrs = ReadCssrs(ref reader, context, at); break;
                case Property.Pqb: pqb = ValueReader.ReadInts(ref reader, context, at, 21, 0, 5); break;
                case Property.Mdq: mdq = ReadMdq(ref reader, context, at); break;
                case Property.MsiBpd: msiBpd = ValueReader.ReadBools(ref reader, context, at, 10); break;
                case Property.PcPtsd5: pcPtsd5 = ReadPcPtsd5(ref reader, context, at); break;
                case Property.AuditC: auditC = ValueReader.ReadInts(ref reader, context, at, 3, 0, 4); break;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore ? new Instruments(phq9!, gad7, cssrs, pqb, mdq, msiBpd, pcPtsd5, auditC) : null;
    }

    private static Cssrs? ReadCssrs(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (!ValueReader.TryStartObject(ref reader, context, at)) return null;
        Span<bool> answers = stackalloc bool[7];
        if (!ValueReader.ReadFlags(ref reader, context, CssrsTable, answers)) return null;
        return new Cssrs(
            answers[(int)CssrsProperty.WishDead],
            answers[(int)CssrsProperty.SuicidalThoughts],
            answers[(int)CssrsProperty.ThoughtsWithMethod],
            answers[(int)CssrsProperty.Intent],
            answers[(int)CssrsProperty.PlanWithIntent],
            answers[(int)CssrsProperty.BehaviorEver],
            answers[(int)CssrsProperty.BehaviorPast3Months]);
    }

    private static Mdq? ReadMdq(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (!ValueReader.TryStartObject(ref reader, context, at)) return null;
        var errorsBefore = context.ErrorCount;
        bool[]? symptoms = null;
        bool? sameTimePeriod = null;
        MdqImpairment? impairment = null;
        var scope = new ObjectScope<MdqProperty>(MdqTable, context);
        while (scope.Next(ref reader, out var property))
        {
            var propertyAt = MdqTable.PathOf(property);
            switch (property)
            {
                case MdqProperty.Symptoms: symptoms = ValueReader.ReadBools(ref reader, context, propertyAt, 13); break;
                case MdqProperty.SameTimePeriod: sameTimePeriod = ValueReader.ReadBool(ref reader, context, propertyAt); break;
                case MdqProperty.Impairment: impairment = ValueReader.ReadCode<MdqImpairment>(ref reader, context, propertyAt); break;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore ? new Mdq(symptoms!, sameTimePeriod!.Value, impairment!.Value) : null;
    }

    private static PcPtsd5? ReadPcPtsd5(ref Utf8JsonReader reader, ParseContext context, FieldPath at)
    {
        if (!ValueReader.TryStartObject(ref reader, context, at)) return null;
        var errorsBefore = context.ErrorCount;
        bool? traumaExposure = null;
        bool[]? items = null;
        var scope = new ObjectScope<PcPtsd5Property>(PcPtsd5Table, context);
        while (scope.Next(ref reader, out var property))
        {
            var propertyAt = PcPtsd5Table.PathOf(property);
            switch (property)
            {
                case PcPtsd5Property.TraumaExposure: traumaExposure = ValueReader.ReadBool(ref reader, context, propertyAt); break;
                case PcPtsd5Property.Items: items = ValueReader.ReadBools(ref reader, context, propertyAt, 5); break;
            }
        }
        scope.ReportMissing();
        return context.ErrorCount == errorsBefore ? new PcPtsd5(traumaExposure!.Value, items!) : null;
    }
}
