namespace IptTriage.Fhir.Intake;

/// <summary>Where in the FHIR content a form field came from (<c>Bundle.entry[3].resource.item[2].answer[0]</c>): a
/// node of the request's tree, made text only when asked (an issue, <see cref="FhirIntake.LocationOf"/>), or a text
/// already made. A mapped referral has a location per field and most are never read.</summary>
internal readonly struct FhirLocation
{
    private readonly FhirTree? tree;
    private readonly int node;
    private readonly string? text;

    public FhirLocation(FhirTree tree, int node) => (this.tree, this.node) = (tree, node);

    private FhirLocation(string text) => this.text = text;

    public static implicit operator FhirLocation(string location) => new(location);

    public override string ToString() => text ?? tree?.LocationOf(node) ?? "";
}
