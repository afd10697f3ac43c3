using System.Text.Json;
using System.Text.Json.Serialization;
using IptTriage.Hosting.Api.Clinics;
using IptTriage.Hosting.Api.Referrals;
using IptTriage.Hosting.Api.Reviews;
using IptTriage.Hosting.Api.Security;
using IptTriage.Hosting.Intake;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Hosting.Api;

/// <summary>The HTTP API of <c>docs/api.md</c> over the workflow that <see cref="IptTriageServices.AddIptTriage"/> composes.</summary>
public static class IptTriageApi
{
    /// <summary>The local host: the workflow, the API's services and its routes, composed from the builder's configuration.</summary>
    public static WebApplication BuildIptTriageApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddIptTriage(builder.Configuration).AddIntakeSources(builder.Configuration).AddIptTriageApi(builder.Configuration);
        var app = builder.Build();
        app.MapIptTriageApi();
        return app;
    }

    /// <summary>The local host's half: ASP.NET Core authentication and authorization over the keys, body-binding
    /// errors and every status as problem details, the OpenAPI document, and decisions raised on the embedded engine.
    /// Call after <c>AddIptTriage</c>.</summary>
    public static IServiceCollection AddIptTriageApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIptTriageApiContract(configuration);
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiPolicies.Add);
        services.AddExceptionHandler<BadRequestHandler>();
        // Bad bodies throw, so BadRequestHandler can say which field was wrong instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddTransient<IStartupFilter, ProblemDetailsStartupFilter>();
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());
        services.AddScoped<ReferralEvents>();
        return services;
    }

    /// <summary>What every host of the API shares: the keys (<c>Api:Keys</c>) and roles, the JSON shape of answers,
    /// problem details, and who may see which referral. Call after the activity services (it needs the clinics).</summary>
    public static IServiceCollection AddIptTriageApiContract(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = configuration.GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        services.AddSingleton(provider => new ApiKeyring(keys, provider.GetRequiredService<Workflow.Clinics.ClinicDirectory>()));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddScoped<ReferralAccess>();
        return services;
    }

    /// <summary>Maps every route; fails at once if a configured key's role is malformed or names an unknown clinic.</summary>
    public static IEndpointRouteBuilder MapIptTriageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<ApiKeyring>();

        var api = endpoints.MapGroup("/api")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/referrals", SubmitReferral.HandleAsync).RequireAuthorization(ApiPolicies.Submit)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/referrals/{id}", GetReferral.HandleAsync).RequireAuthorization(ApiPolicies.ReadReferral)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/referrals/{id}/review", DecideReview.HandleAsync).RequireAuthorization(ApiPolicies.Coordinator).ProducesActionProblems();
        api.MapPost("/referrals/{id}/clinic-response", RespondToOffer.HandleAsync).RequireAuthorization(ApiPolicies.Clinic).ProducesActionProblems();
        api.MapPost("/referrals/{id}/crisis-ack", AcknowledgeCrisis.HandleAsync).RequireAuthorization(ApiPolicies.Coordinator).ProducesActionProblems();
        api.MapPost("/referrals/{id}/placement", PlaceReferral.HandleAsync).RequireAuthorization(ApiPolicies.Coordinator).ProducesActionProblems();
        api.MapGet("/reviews", ListReviews.HandleAsync).RequireAuthorization(ApiPolicies.Coordinator);
        api.MapGet("/clinics", ListClinics.HandleAsync).RequireAuthorization(ApiPolicies.Coordinator);
        api.MapGet("/schema/intake-form", GetIntakeFormSchema.Handle)
            .RequireAuthorization(ApiPolicies.AnyKey);
        endpoints.MapOpenApi();
        return endpoints;
    }

    /// <summary>What an action on a referral can answer besides 202: a bad body, an unknown referral, or the wrong state.</summary>
    private static RouteHandlerBuilder ProducesActionProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
