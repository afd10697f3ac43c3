using IptTriage.Triage.Intake;
using IptTriage.Triage.Tests.Intake.Support;

namespace IptTriage.Triage.Tests.Intake;

/// <summary>The published JSON Schema and the validator agree on every document of the corpus, checked with a
/// standard validator (ajv, draft 2020-12) rather than our own reading of the schema.</summary>
public sealed class SchemaAgreementTests(SchemaCheck schema) : IClassFixture<SchemaCheck>
{
    [Fact]
    public void Schema_and_validator_agree_with_the_contract_on_every_corpus_document()
    {
        var corpus = SchemaCorpus.Documents().ToArray();
        corpus.Should().HaveCountGreaterThan(300).And.Contain(d => !d.Valid).And.Contain(d => d.Valid);

        var schemaVerdicts = schema.Validate([.. corpus.Select(d => d.Json)]);

        var disagreements = corpus.Zip(schemaVerdicts)
            .Select(pair => Disagreement(pair.First, schemaSaysValid: pair.Second))
            .OfType<string>()
            .ToArray();
        disagreements.Should().BeEmpty();
    }

    [Fact]
    public void The_validator_only_rules_are_exactly_where_they_differ()
    {
        var documents = SchemaCorpus.ValidatorOnly().ToArray();

        var schemaVerdicts = schema.Validate([.. documents.Select(d => d.Json)]);

        schemaVerdicts.Should().AllSatisfy(valid => valid.Should().BeTrue(), "JSON Schema cannot express these rules");
        foreach (var document in documents)
        {
            IntakeParser.Parse(System.Text.Encoding.UTF8.GetBytes(document.Json)).Errors
                .Should().ContainSingle(document.Name).Which.Path.Should().Be(document.ErrorPath);
        }
    }

    [Fact]
    public void Randomised_language_tags_emails_and_timestamps_get_the_same_verdict_from_pattern_and_parser()
    {
        var documents = SchemaCorpus.RandomisedPatterns(1500).ToArray();

        var schemaVerdicts = schema.Validate([.. documents.Select(d => d.Json)]);

        var parserVerdicts = documents.Select(d => IntakeParser.Parse(System.Text.Encoding.UTF8.GetBytes(d.Json)).IsValid).ToArray();
        foreach (var kind in documents.Zip(parserVerdicts).GroupBy(d => d.First.Name[..d.First.Name.IndexOf(' ', StringComparison.Ordinal)]))
        {
            kind.Select(d => d.Second).Should().Contain(true, kind.Key).And.Contain(false, kind.Key);
        }
        var disagreements = documents.Zip(schemaVerdicts, parserVerdicts)
            .Where(d => d.Second != d.Third)
            .Select(d => $"{d.First.Name}: schema {Verdict(d.Second)}, parser {Verdict(d.Third)}")
            .ToArray();
        disagreements.Should().BeEmpty();
    }

    private static string? Disagreement(CorpusDocument document, bool schemaSaysValid)
    {
        var result = IntakeParser.Parse(System.Text.Encoding.UTF8.GetBytes(document.Json));
        if (schemaSaysValid != document.Valid) return $"{document.Name}: schema says {Verdict(schemaSaysValid)}";
        if (result.IsValid != document.Valid)
        {
            return $"{document.Name}: validator says {Verdict(result.IsValid)} ({string.Join("; ", result.Errors)})";
        }
        if (document.ErrorPath is { } path && result.Errors.All(e => e.Path != path))
        {
            return $"{document.Name}: validator errors do not name {path} ({string.Join("; ", result.Errors)})";
        }
        return null;
    }

    private static string Verdict(bool valid) => valid ? "valid" : "invalid";
}
