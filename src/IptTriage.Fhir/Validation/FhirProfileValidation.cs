using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace IptTriage.Fhir.Validation;

/// <summary>Profile validation of a FHIR resource against the R4 core StructureDefinitions (and the profiles it
/// declares), offline from the SDK's specification.zip. Never on the request path: structural validation is
/// FhirStructure's (FhirIntakeReader); this costs seconds the first time (the zip is unpacked, about 60 MB, and the
/// schemas compiled) and tens of milliseconds a resource after (docs/performance.md), so a host that wants it warms it
/// after start-up and validates accepted payloads in the background (FhirProfileValidationService,
/// <c>Fhir:ProfileValidation</c>). One instance is safe to share.</summary>
public sealed class FhirProfileValidation
{
    private readonly Lazy<Validator> validator = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads the specification and compiles the schemas a referral needs, by validating one small resource.</summary>
    public void Warm() => Validate(new Patient { Gender = AdministrativeGender.Unknown });

    public OperationOutcome Validate(Resource resource) => validator.Value.Validate(resource);

    private static Validator Create()
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    }
}
