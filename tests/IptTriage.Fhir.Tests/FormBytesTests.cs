using System.Text.Json;
using IptTriage.Fhir.Forms;
using IptTriage.Fhir.Instruments;
using IptTriage.Fhir.Intake;

namespace IptTriage.Fhir.Tests;

/// <summary>The mapped form's bytes are what <see cref="Utf8JsonWriter"/> writes for the same fields (minimised, its
/// default escaping), whatever the text holds: the intake's idempotency compares form bytes, so a redelivery must give
/// the same bytes as before the form was written by hand.</summary>
public sealed class FormBytesTests
{
    public static TheoryData<string> Samples() => [.. SampleForms.Names];

    [Theory]
    [MemberData(nameof(Samples))]
    public void Each_sample_maps_to_the_bytes_the_json_writer_writes(string name)
    {
        var intake = FhirIntakeReader.Read(FhirJson.ToUtf8(FhirReferralWriter.ToBundle(SampleForms.Form(name))), "Bundle");
        intake.Form.Should().NotBeNull();
        Written(intake.Form!).Should().Equal(intake.Form);
    }

    [Fact]
    public void Every_field_an_instrument_answers_is_a_field_of_the_mapped_form()
    {
        var draft = new IntakeFormDraft();
        var paths = InstrumentCatalog.All.SelectMany(instrument => instrument.Items).Select(item => item.FormPath).ToList();

        foreach (var path in paths) draft.Set(path, 0, "Bundle");

        paths.Should().OnlyContain(path => draft.Has(path));
        FluentActions.Invoking(() => draft.Set("client.nickname", "x", "Bundle")).Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("O'Brien")]
    [InlineData("<b>\"Smith\" & + `Jones`</b>")]
    [InlineData("Ünal-Łukasz 山田 😀")]
    [InlineData("tab\tnew\nline\\back")]
    [InlineData("plain text, with: punctuation (and) slashes/ @ # % * = ~ ! ?")]
    public void Text_that_needs_escaping_is_escaped_as_the_json_writer_escapes_it(string family)
    {
        var bundle = SampleForms.BundleJson(SampleForms.Names[0]);
        var patient = SampleForms.ResourcesOf(bundle, "Patient").First();
        patient["name"]![0]!["family"] = family;
        var intake = FhirIntakeReader.Read(System.Text.Encoding.UTF8.GetBytes(bundle.ToJsonString()), "Bundle");
        intake.Form.Should().NotBeNull();
        JsonDocument.Parse(intake.Form!).RootElement.GetProperty("client").GetProperty("familyName").GetString().Should().Be(family);
        Written(intake.Form!).Should().Equal(intake.Form);
    }

    /// <summary>The form's fields written again, in the same order, by a <see cref="Utf8JsonWriter"/>.</summary>
    private static byte[] Written(byte[] form)
    {
        using var document = JsonDocument.Parse(form);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, document.RootElement);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String: writer.WriteStringValue(value.GetString()); break;
            case JsonValueKind.Number: writer.WriteNumberValue(value.GetInt32()); break;
            default: writer.WriteBooleanValue(value.GetBoolean()); break;
        }
    }
}
