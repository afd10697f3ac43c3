namespace IptTriage.Fhir.Intake;

/// <summary>Where in the FHIR content a form field came from (<c>Bundle.entry[3].resource.item[2].answer[0]</c>): a
/// node of the request's tree, made text only when asked (an issue, <see cref="FhirIntake.Locate"/>) and only while
/// the tree is read, or a text already made. A mapped referral has a location per field and most are never read.</summary>
internal readonly struct FhirLocation
{
    /// <summary>The tree, or the text.</summary>
    private readonly object? source;
    private readonly int node;

    public FhirLocation(FhirTree tree, int node) => (source, this.node) = (tree, node);

    private FhirLocation(string text) => source = text;

    public static implicit operator FhirLocation(string location) => new(location);

    public override string ToString() => source switch
    {
        string text => text,
        FhirTree tree => tree.LocationOf(node),
        _ => "",
    };
}
