using Hl7.Fhir.Model;
using IptTriage.Fhir.Questionnaires;
using Microsoft.AspNetCore.Http;

namespace IptTriage.Api.Fhir;

/// <summary><c>GET /fhir/Questionnaire</c> and <c>GET /fhir/Questionnaire/{id}</c>: the intake as Questionnaires, for
/// a form filler to render (the same as samples/fhir/questionnaires).</summary>
public static class GetFhirQuestionnaires
{
    public static IResult List()
    {
        var questionnaires = IntakeQuestionnaires.All();
        return FhirResult.Ok(new Bundle
        {
            Type = Bundle.BundleType.Searchset,
            Total = questionnaires.Count,
            Entry = [.. questionnaires.Select(questionnaire => new Bundle.EntryComponent
            {
                FullUrl = questionnaire.Url,
                Resource = questionnaire,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            })],
        });
    }

    public static IResult Get(string id) =>
        IntakeQuestionnaires.Find(id) is { } questionnaire ? FhirResult.Ok(questionnaire) : FhirResult.NotFound("Questionnaire");
}
