using System.Text.Json;
using System.Text.Json.Serialization;
using IptTriage.Hosting.Api.Clinics;
using IptTriage.Hosting.Api.Limits;
using IptTriage.Hosting.Api.Referrals;
using IptTriage.Hosting.Api.Reviews;
using IptTriage.Hosting.Api.Security;
using IptTriage.Hosting.Api.ServerErrors;
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
    /// <summary>The local host: the workflow, the API's services, its middleware and its routes, composed from the
    /// builder's configuration, with Kestrel's own error answers given problem-details bodies.</summary>
    public static WebApplication BuildIptTriageApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddIptTriage(builder.Configuration).AddIntakeSources(builder.Configuration).AddIptTriageApi(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(ServerErrorProblems.Use));
        var app = builder.Build();
        app.UseIptTriageApi();
        app.MapIptTriageApi();
        return app;
    }

    /// <summary>The middleware in order: routing (authorization needs the endpoint); the failed-authentication limit and
    /// the request limits, before authentication so that unknown keys are limited too; authentication and
    /// authorization; then a clinic's access to the referral, before any body is read.</summary>
    public static IApplicationBuilder UseIptTriageApi(this IApplicationBuilder app) => app
        .UseRouting()
        .UseMiddleware<FailedAuthenticationLimiter>()
        .UseRateLimiter()
        .UseAuthentication()
        .UseAuthorization()
        .UseMiddleware<ClinicAccessFirst>();

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

        var limits = (configuration.GetSection(ApiLimitOptions.SectionName).Get<ApiLimitOptions>() ?? new ApiLimitOptions()).Validated();
        services.AddSingleton(limits).AddSingleton<ApiLimiters>();
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = ApiLimiters.Requests(limits);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (rejected, _) => new ValueTask(ApiProblems.TooManyRequests(rejected.HttpContext, rejected.Lease).ExecuteAsync(rejected.HttpContext));
        });
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
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapPost("/referrals", SubmitReferral.HandleAsync).RequireAuthorization(ApiPolicies.Submit)
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/referrals/{id}", GetReferral.HandleAsync).RequireAuthorization(ApiPolicies.ReadReferral)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/referrals/{id}/review", DecideReview.HandleAsync).RequireAuthorization(ApiPolicies.Coordinator).ProducesActionProblems();
        api.MapPost("/referrals/{id}/clinic-response", RespondToOffer.HandleAsync).RequireAuthorization(ApiPolicies.Clinic).ProducesActionProblems()
            .WithMetadata(new ClinicAccessFirstMetadata());
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
