using System.Text.Json;
using System.Text.Json.Serialization;
using IptTriage.Api.Fhir;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using IptTriage.Workflow.Clinics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Api;

public static class ApiContract
{
    /// <summary>What every host of the API shares: the keys (<c>Api:Keys</c>) and roles, the JSON shape of answers,
    /// problem details, who may see which referral, and FHIR profile validation off the request path
    /// (<c>Fhir:ProfileValidation</c>). Call after the activity services (it needs the clinics).</summary>
    public static IServiceCollection AddIptTriageApiContract(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = configuration.GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        services.AddSingleton(provider => new ApiKeyring(keys, provider.GetRequiredService<ClinicDirectory>()));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddScoped<ReferralAccess>();
        var fhir = configuration.GetSection(FhirOptions.SectionName).Get<FhirOptions>() ?? new FhirOptions();
        var profileChecks = new FhirProfileChecks(fhir);
        services.AddSingleton(profileChecks);
        if (profileChecks.Enabled) services.AddHostedService<FhirProfileValidationService>();
        return services;
    }
}
