namespace IptTriage.Triage.Intake;

/// <summary>The JSON Schema (draft 2020-12) of the intake form, for hosts to serve and clients to validate against.
/// <see cref="IntakeParser"/> is the authority: it also enforces the rules listed in the schema's
/// <c>$comment</c> that JSON Schema cannot express.</summary>
public static class IntakeSchema
{
    private const string ResourceName = "IptTriage.Triage.intake-form.schema.json";

    public const string MediaType = "application/schema+json";

    public static Stream OpenUtf8Stream() =>
        typeof(IntakeSchema).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
}
