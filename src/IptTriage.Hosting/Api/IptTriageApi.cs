using System.Text.Json;
using System.Text.Json.Serialization;
using IptTriage.Hosting.Api.Clinics;
using IptTriage.Hosting.Api.Referrals;
using IptTriage.Hosting.Api.Reviews;
using IptTriage.Hosting.Api.Security;
using IptTriage.Triage.Intake;
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
        builder.Services.AddIptTriage(builder.Configuration).AddIptTriageApi(builder.Configuration);
        var app = builder.Build();
        app.MapIptTriageApi();
        return app;
    }

    /// <summary>Keys (<c>Api:Keys</c>), roles, problem details and the OpenAPI document. Call after <c>AddIptTriage</c>.</summary>
    public static IServiceCollection AddIptTriageApi(this IServiceCollection services, IConfiguration configuration)
    {
        var keys = configuration.GetSection(ApiKeyOptions.SectionName).Get<ApiKeyOptions>() ?? new ApiKeyOptions();
        services.AddSingleton(provider => new ApiKeyring(keys, provider.GetRequiredService<Workflow.Clinics.ClinicDirectory>()));
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiPolicies.Add);

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestHandler>();
        // Bad bodies throw, so BadRequestHandler can say which field was wrong instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddTransient<IStartupFilter, ProblemDetailsStartupFilter>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());

        services.AddScoped<ReferralAccess>().AddScoped<ReferralEvents>();
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
        api.MapGet("/schema/intake-form", () => TypedResults.Stream(IntakeSchema.OpenUtf8Stream(), IntakeSchema.MediaType));
        endpoints.MapOpenApi();
        return endpoints;
    }

    /// <summary>What an action on a referral can answer besides 202: a bad body, an unknown referral, or the wrong state.</summary>
    private static RouteHandlerBuilder ProducesActionProblems(this RouteHandlerBuilder route) => route
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
}
