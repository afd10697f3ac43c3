using System.Text;

namespace IptTriage.Fhir.Intake;

/// <summary><see cref="FhirVocabulary"/>'s systems and codes as UTF-8, which the mapping compares values with.</summary>
internal static class Utf8Vocabulary
{
    public static readonly byte[] Loinc = Encoding.UTF8.GetBytes(FhirVocabulary.Loinc);

    public static readonly byte[] ServiceSystem = Encoding.UTF8.GetBytes(FhirVocabulary.ServiceSystem);

    public static readonly byte[] TriageService = Encoding.UTF8.GetBytes(FhirVocabulary.TriageService);

    public static readonly byte[] ReferralIdSystem = Encoding.UTF8.GetBytes(FhirVocabulary.ReferralIdSystem);

    public static readonly byte[] ItemSystem = Encoding.UTF8.GetBytes(FhirVocabulary.ItemSystem);

    public static readonly byte[] ScoreSystem = Encoding.UTF8.GetBytes(FhirVocabulary.ScoreSystem);

    public static readonly byte[] OrdinalValue = Encoding.UTF8.GetBytes(FhirVocabulary.OrdinalValue);

    public static readonly byte[] ItemWeight = Encoding.UTF8.GetBytes(FhirVocabulary.ItemWeight);

    public static readonly byte[] Bcp47 = Encoding.UTF8.GetBytes(FhirVocabulary.Bcp47);
}
