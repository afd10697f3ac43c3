namespace IptTriage.Fhir.Intake;

/// <summary>Where in the FHIR content a form field came from (<c>Bundle.entry[3].resource.item[2].answer[0]</c>), kept
/// as a link to its parent and made text only when asked (an issue, <see cref="FhirIntake.LocationOf"/>): a mapped
/// referral has a location per field and most are never read.</summary>
internal sealed class FhirLocation
{
    private readonly FhirLocation? parent;
    private readonly string name;
    private readonly int index;
    private string? text;

    private FhirLocation(FhirLocation? parent, string name, int index)
    {
        this.parent = parent;
        this.name = name;
        this.index = index;
    }

    public static implicit operator FhirLocation(string location) => new(null, location, -1) { text = location };

    /// <summary><c>{this}.{element}[{index}]</c></summary>
    public FhirLocation At(string element, int index) => new(this, element, index);

    public override string ToString() => text ??= $"{parent}.{name}[{index}]";
}
