using System.Diagnostics;
using Hl7.Fhir.Serialization;
using IptTriage.Benchmarks.Screening;
using IptTriage.Fhir;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Intake;
using IptTriage.Fhir.Validation;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;
using IptTriage.Triage.Policy;
using Hl7Bundle = Hl7.Fhir.Model.Bundle;

namespace IptTriage.Benchmarks.Fhir;

/// <summary><c>fhir [--seconds N] [--rounds N] [--validations N]</c>: FHIR intake throughput, Bundle bytes to
/// decision (one pass over the bytes checking the structure against the SDK's R4 model and building the tree the
/// mapping reads, the mapping, the intake's parse of the mapped form, the decision), beside the JSON form's, form bytes
/// to decision, on the same referrals (every sample form, and its Bundle as the Questionnaires
/// answer it), alternating rounds in one process, with a floor beside them (the Bundle's tokens read, then the JSON
/// path on its mapped form: what is left for the FHIR path's own work under the target); then the cost of profile
/// validation off the request path, cold (first call: specification unpacked, schemas compiled) and warm. Figures in
/// docs/performance.md.</summary>
public static class FhirIntakeBench
{
    public static int Run(IReadOnlyList<string> args)
    {
        var options = BenchOptions.Parse(args, "seconds", "rounds", "validations");
        var seconds = options.Number("seconds", 2);
        var rounds = options.Number("rounds", 5);
        var policy = PolicyFile.LoadDefault();
        var forms = SampleForms.LoadUtf8();
        var bundles = forms.Select(form => FhirJson.ToUtf8(FhirReferralWriter.ToBundle(IntakeParser.Parse(form).Form!))).ToList();
        Console.WriteLine($"{forms.Count} referrals; JSON forms {forms.Average(form => form.Length):F0} B, FHIR Bundles {bundles.Average(bundle => bundle.Length):F0} B on average");

        // Same decisions first, so the two paths are timed doing the same work.
        for (var i = 0; i < forms.Count; i++)
            if (DecisionJson.ToJson(FhirScreening.Screen(bundles[i], "x", policy)) != DecisionJson.ToJson(Triage.Screening.Screen(forms[i], "x", policy)))
                throw new InvalidOperationException($"referral {i}: the Bundle is not decided as its form is");

        Console.WriteLine($"load average (1, 5, 15 min) before: {LoadAverage()}");
        // The floor: a FHIR path that did nothing of its own but read the Bundle's tokens with the intake's reader and
        // then took the JSON path on the mapped form (no model check, no mapping, no form written).
        var mapped = bundles.Select(bundle => FhirIntakeReader.Read(bundle).Form!).ToList();
        TriageDecision Floor(int i)
        {
            var cursor = new JsonCursor(bundles[i], IntakeParser.MaxDepth);
            while (cursor.Read()) { }
            return Triage.Screening.Screen(mapped[i], "x", policy);
        }
        var referrals = Enumerable.Range(0, bundles.Count).ToList();
        var json = new List<Rate>();
        var fhir = new List<Rate>();
        var floor = new List<Rate>();
        Measure(forms, form => Triage.Screening.Screen(form, "x", policy), 1);
        Measure(bundles, bundle => FhirScreening.Screen(bundle, "x", policy), 1);
        Measure(referrals, Floor, 1);
        for (var round = 0; round < rounds; round++)
        {
            json.Add(Measure(forms, form => Triage.Screening.Screen(form, "x", policy), seconds));
            fhir.Add(Measure(bundles, bundle => FhirScreening.Screen(bundle, "x", policy), seconds));
            floor.Add(Measure(referrals, Floor, seconds));
        }
        Console.WriteLine($"load average after: {LoadAverage()}");
        Report("JSON form -> decision:  ", json);
        Report("FHIR Bundle -> decision:", fhir);
        var wallRatio = Median(fhir, rate => rate.PerWallSecond) / Median(json, rate => rate.PerWallSecond);
        var cpuRatio = Median(fhir, rate => rate.PerCpuSecond) / Median(json, rate => rate.PerCpuSecond);
        Console.WriteLine($"FHIR / JSON: {wallRatio:P1} by wall clock, {cpuRatio:P1} by process CPU time (target >= 25 %)");
        var floorRatio = Median(floor, rate => rate.PerCpuSecond) / Median(json, rate => rate.PerCpuSecond);
        Report("Floor (tokens + JSON path):", floor);
        Console.WriteLine($"  the Bundle's tokens read (JsonCursor), then the JSON path on its mapped form, and nothing else: {floorRatio:P1} of the JSON path by CPU,"
            + " the most a FHIR path on this reader could reach before checking anything against the model, mapping anything or writing the form");
        var floorMicroseconds = 1e6 / Median(floor, rate => rate.PerCpuSecond);
        Console.WriteLine($"  the target leaves {1e6 / (0.25 * Median(json, rate => rate.PerCpuSecond)) - floorMicroseconds:F1} us of CPU a Bundle for that work;"
            + $" it takes {1e6 / Median(fhir, rate => rate.PerCpuSecond) - floorMicroseconds:F1} us now");

        // Where a Bundle's time goes: the intake's read alone (parse, structure, mapping), and beside it the SDK's POCO
        // deserialiser, which the intake used before (with its model validation, and without).
        var read = Measure(bundles, bundle => FhirIntakeReader.Read(bundle).Form is null ? null! : null!, seconds);
        var deserializer = new FhirJsonDeserializer();
        var deserialize = Measure(bundles, bundle =>
        {
            var reader = new System.Text.Json.Utf8JsonReader(bundle);
            deserializer.TryDeserializeResource(ref reader, out _, out _);
            return null!;
        }, seconds);
        var syntaxOnly = new FhirJsonDeserializer(new DeserializerSettings { Validator = null });
        var unvalidated = Measure(bundles, bundle =>
        {
            var reader = new System.Text.Json.Utf8JsonReader(bundle);
            syntaxOnly.TryDeserializeResource(ref reader, out _, out _);
            return null!;
        }, seconds);
        var tokens = Measure(bundles, bundle =>
        {
            var reader = new System.Text.Json.Utf8JsonReader(bundle);
            while (reader.Read()) { }
            return null!;
        }, seconds);
        var document = Measure(bundles, bundle => { System.Text.Json.JsonDocument.Parse(bundle).Dispose(); return null!; }, seconds);
        Console.WriteLine($"Of a Bundle: FhirIntakeReader.Read (parse, structure, mapping) {read}");
        Console.WriteLine($"  floor: reading its tokens alone (Utf8JsonReader) {tokens}; JsonDocument.Parse {document}");
        Console.WriteLine($"  the SDK's POCO deserialiser with its model validation {deserialize}; without {unvalidated}");
        Console.WriteLine($"Allocated a referral (this thread, steady state): FHIR Bundle -> decision {AllocatedEach(bundles, bundle => FhirScreening.Screen(bundle, "x", policy)):N0} B,"
            + $" of which FhirIntakeReader.Read {AllocatedEach(bundles, bundle => FhirIntakeReader.Read(bundle).Form is null ? null! : null!):N0} B;"
            + $" JSON form -> decision {AllocatedEach(forms, form => Triage.Screening.Screen(form, "x", policy)):N0} B");

        var validation = new FhirProfileValidation();
        var parsed = bundles.Select(bundle => new FhirJsonDeserializer().Deserialize<Hl7Bundle>(System.Text.Encoding.UTF8.GetString(bundle))).ToList();
        var cold = Stopwatch.StartNew();
        var first = validation.Validate(parsed[0]);
        cold.Stop();
        var count = options.Number("validations", forms.Count);
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < count; i++) validation.Validate(parsed[i % parsed.Count]);
        warm.Stop();
        Console.WriteLine($"Profile validation: first {cold.Elapsed.TotalSeconds:F1} s (errors in the first Bundle: {first.Errors}); then {warm.Elapsed.TotalMilliseconds / count:F1} ms per Bundle over {count}");
        Console.WriteLine($"Peak working set {BenchOptions.PeakMegabytes():F0} MB");
        return 0;
    }

    /// <summary>Referrals per second of wall clock and per second of the process's CPU time: on a shared machine the
    /// second moves less with other people's load (the process's GC and JIT threads are in it, as they are a cost).</summary>
    private readonly record struct Rate(double PerWallSecond, double PerCpuSecond)
    {
        public override string ToString() => $"{PerWallSecond:N0}/s wall, {PerCpuSecond:N0}/s CPU ({1e6 / PerCpuSecond:F1} us CPU each)";
    }

    private static Rate Measure<T>(IReadOnlyList<T> inputs, Func<T, TriageDecision> screen, int seconds)
    {
        var done = 0;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
            foreach (var input in inputs)
            {
                screen(input);
                done++;
            }
        var wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        return new(done / wall, done / (process.TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Bytes allocated a call, averaged over one pass after a warming one (the GC's cost is in the CPU time).</summary>
    private static long AllocatedEach(IReadOnlyList<byte[]> inputs, Func<byte[], TriageDecision> screen)
    {
        foreach (var input in inputs) screen(input);
        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var input in inputs) screen(input);
        return (GC.GetAllocatedBytesForCurrentThread() - before) / inputs.Count;
    }

    private static void Report(string what, List<Rate> rounds) =>
        Console.WriteLine($"{what} median {Median(rounds, rate => rate.PerWallSecond),9:N0} referrals/s wall, {Median(rounds, rate => rate.PerCpuSecond),9:N0} per CPU second"
            + $"  (rounds, wall: {string.Join(", ", rounds.Select(rate => rate.PerWallSecond.ToString("N0")))})");

    private static double Median(List<Rate> rates, Func<Rate, double> of) => rates.Select(of).Order().ElementAt(rates.Count / 2);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
