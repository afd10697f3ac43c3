using IptTriage.Triage.Intake;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace IptTriage.Api;

/// <summary><c>GET /api/schema/intake-form</c>: the intake form's JSON Schema, for whoever builds a referral form.</summary>
public static class GetIntakeFormSchema
{
    public static FileStreamHttpResult Handle() => TypedResults.Stream(IntakeSchema.OpenUtf8Stream(), IntakeSchema.MediaType);
}
