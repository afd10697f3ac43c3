using System.Text.Json.Nodes;
using IptTriage.Triage.Decisions;
using IptTriage.Triage.Intake;

namespace IptTriage.Triage.Tests.Intake.Support;

public static class ParseAssertions
{
    /// <summary>Parses and asserts the form is invalid with exactly these errors.</summary>
    public static IntakeParseResult ShouldFailWith(this byte[] utf8Json, params (string Path, string Message)[] expected)
    {
        var result = IntakeParser.Parse(utf8Json);
        result.Form.Should().BeNull();
        result.Errors.Should().Equal(expected.Select(error => new FieldError(error.Path, error.Message)));
        return result;
    }

    /// <summary>A JSON literal as a node; the literal <c>null</c> gives a JSON null.</summary>
    public static JsonNode? Literal(string json) => JsonNode.Parse(json);
}
