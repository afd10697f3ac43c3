using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using TriageScreening = IptTriage.Triage.Screening;

namespace IptTriage.Benchmarks.Screening;

/// <summary>Per-form cost of screening, against the practical limit of deserialising the same bytes into plain
/// objects. Each operation is one pass over the sample corpus; results are reported per form.</summary>
[MemoryDiagnoser]
public class ScreeningThroughput
{
    private const int CorpusSize = 37;

    private byte[][] forms = [];
    private IntakeForm[] parsedForms = [];
    private TriagePolicy policy = null!;
    private readonly ArrayBufferWriter<byte> output = new(64 * 1024);
    private Utf8JsonWriter writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        forms = [.. SampleForms.LoadUtf8()];
        if (forms.Length != CorpusSize)
        {
            throw new InvalidOperationException($"expected {CorpusSize} sample forms, found {forms.Length}: update CorpusSize");
        }
        policy = PolicyFile.LoadDefault();
        parsedForms = [.. forms.Select(form => IntakeParser.Parse(form).Form ?? throw new InvalidOperationException("invalid sample"))];
        writer = new Utf8JsonWriter(output);
    }

    [GlobalCleanup]
    public void Cleanup() => writer.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = CorpusSize, Description = "bare deserialize (STJ source-gen POCOs)")]
    public int BareDeserialize()
    {
        var checksum = 0;
        foreach (var form in forms)
        {
            checksum += JsonSerializer.Deserialize(form, IntakeFormDtoContext.Default.IntakeFormDto)!.Instruments!.Phq9![8];
        }
        return checksum;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "Screening.Screen (parse, validate, decide)")]
    public int Screen()
    {
        var checksum = 0;
        foreach (var form in forms) checksum += (int)TriageScreening.Screen(form, "benchmark", policy).Outcome;
        return checksum;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "Screen + DecisionJson.Write")]
    public int ScreenAndWrite()
    {
        output.ResetWrittenCount();
        foreach (var form in forms)
        {
            DecisionJson.Write(writer, TriageScreening.Screen(form, "benchmark", policy));
            writer.Flush();
            writer.Reset();
        }
        return output.WrittenCount;
    }

    // The two halves of Screen, to show where its time goes.

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "IntakeParser.Parse only")]
    public int ParseOnly()
    {
        var checksum = 0;
        foreach (var form in forms) checksum += IntakeParser.Parse(form).Errors.Count;
        return checksum;
    }

    [Benchmark(OperationsPerInvoke = CorpusSize, Description = "Screening.Decide only")]
    public int DecideOnly()
    {
        var checksum = 0;
        foreach (var form in parsedForms) checksum += (int)TriageScreening.Decide(form, policy).Outcome;
        return checksum;
    }
}
