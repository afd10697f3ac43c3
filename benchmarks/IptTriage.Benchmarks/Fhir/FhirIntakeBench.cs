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
/// decision (Firely's structural deserialisation, the mapping, the intake's parse, the decision), beside the JSON
/// form's, form bytes to decision, on the same referrals (every sample form, and its Bundle as the Questionnaires
/// answer it), alternating rounds in one process; then the cost of profile validation off the request path, cold
/// (first call: specification unpacked, schemas compiled) and warm. Figures in docs/performance.md.</summary>
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

        var json = new List<double>();
        var fhir = new List<double>();
        Measure(forms, form => Triage.Screening.Screen(form, "x", policy), 1);
        Measure(bundles, bundle => FhirScreening.Screen(bundle, "x", policy), 1);
        for (var round = 0; round < rounds; round++)
        {
            json.Add(Measure(forms, form => Triage.Screening.Screen(form, "x", policy), seconds));
            fhir.Add(Measure(bundles, bundle => FhirScreening.Screen(bundle, "x", policy), seconds));
        }
        var jsonMedian = Median(json);
        var fhirMedian = Median(fhir);
        Console.WriteLine($"JSON form -> decision:   median {jsonMedian,9:N0} referrals/s  (rounds: {string.Join(", ", json.Select(rate => rate.ToString("N0")))})");
        Console.WriteLine($"FHIR Bundle -> decision: median {fhirMedian,9:N0} referrals/s  (rounds: {string.Join(", ", fhir.Select(rate => rate.ToString("N0")))})");
        Console.WriteLine($"FHIR / JSON: {fhirMedian / jsonMedian:P1} (target >= 25 %)");

        // Where a Bundle's time goes: the SDK's deserialisation alone, then with the mapping to the form.
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
        Console.WriteLine($"SDK deserialisation without its model validation {unvalidated:N0} Bundles/s");
        var map = Measure(bundles, bundle => FhirIntakeReader.Read(bundle).Form is null ? null! : null!, seconds);
        Console.WriteLine($"Of which: SDK deserialisation alone {deserialize:N0} Bundles/s, deserialisation + mapping {map:N0} Bundles/s");

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

    private static double Measure(IReadOnlyList<byte[]> inputs, Func<byte[], TriageDecision> screen, int seconds)
    {
        var done = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
            foreach (var input in inputs)
            {
                screen(input);
                done++;
            }
        return done / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> rates) => rates.Order().ElementAt(rates.Count / 2);
}
