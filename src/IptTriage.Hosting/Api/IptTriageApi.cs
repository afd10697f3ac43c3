using IptTriage.Api;
using IptTriage.Api.Limits;
using IptTriage.Api.Referrals;
using IptTriage.Api.Security;
using IptTriage.Hosting.Api.Limits;
using IptTriage.Hosting.Api.Routes;
using IptTriage.Hosting.Api.Security;
using IptTriage.Hosting.Api.ServerErrors;
using IptTriage.Hosting.Intake;
using IptTriage.Hosting.Workspace;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IptTriage.Hosting.Api;

/// <summary>The HTTP API of <c>docs/api.md</c> (<see cref="ApiRoutes"/>) on minimal APIs, over the workflow that
/// <see cref="IptTriageServices.AddIptTriage"/> composes.</summary>
public static class IptTriageApi
{
    /// <summary>The local host: the workflow, the API's services, its middleware and its routes, and the web workspace
    /// beside them (<see cref="WorkspaceEndpoints"/>), composed from the builder's configuration, with Kestrel's own error answers given problem-details bodies.</summary>
    public static WebApplication BuildIptTriageApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddIptTriage(builder.Configuration).AddIntakeSources(builder.Configuration).AddIptTriageApi(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(ServerErrorProblems.Use));
        var app = builder.Build();
        app.UseIptTriageWorkspace();
        app.UseIptTriageApi();
        app.MapIptTriageApi();
        app.MapIptTriageWorkspace();
        return app;
    }

    /// <summary>The middleware in order: routing (authorization needs the endpoint); the failed-authentication limit and
    /// the request limits, before authentication so that unknown keys are limited too; authentication and
    /// authorization; the antiforgery token of a session's request that changes something; then a clinic's access to the referral, before any body is read.</summary>
    public static IApplicationBuilder UseIptTriageApi(this IApplicationBuilder app) => app
        .UseRouting()
        .UseMiddleware<FailedAuthenticationLimiter>()
        .UseRateLimiter()
        .UseAuthentication()
        .UseAuthorization()
        .UseMiddleware<AntiforgeryForSessions>()
        .UseMiddleware<ClinicAccessFirst>();

    /// <summary>ASP.NET Core's request log, whose lines carry each request's URL.</summary>
    private const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>The API's contract (<see cref="ApiContract.AddIptTriageApiContract"/>) and the local host's half: ASP.NET
    /// Core authentication and authorization over the keys, body-binding errors and every status as problem details,
    /// the OpenAPI document, rate limits, and decisions raised on the embedded engine. Call after <c>AddIptTriage</c>.</summary>
    public static IServiceCollection AddIptTriageApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIptTriageApiContract(configuration);
        services.AddAuthentication(StaffSessions.KeyOrSessionScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyring.SchemeName, null)
            .AddStaffSessions(configuration);
        services.AddAuthorization(ApiAuthorization.Add);
        services.AddExceptionHandler<BadRequestHandler>();
        // Bad bodies throw, so BadRequestHandler can say which field was wrong instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddTransient<IStartupFilter, ProblemDetailsStartupFilter>();
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityTransformer>());
        services.AddScoped<ReferralEvents>();
        // Its request lines carry the query string, and a referral search (q) is a name or a date of birth.
        services.AddLogging(logging => logging.AddFilter(RequestLogCategory, LogLevel.Warning));
        // For a handler that frees clinic slots (a raised capacity): FreedSlotOffers.OfferAsync(clinicId).
        services.AddTransient<FindCasesForSlot>().AddScoped<FreedSlotOffers>();

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

    /// <summary>Maps every route of <see cref="ApiRoutes"/> and the OpenAPI document; fails at once if a configured
    /// key's role is malformed or names an unknown clinic.</summary>
    public static IEndpointRouteBuilder MapIptTriageApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.ServiceProvider.GetRequiredService<ApiKeyring>();

        endpoints.MapGroup("/" + ApiRoutes.Prefix)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .MapReferralRoutes()
            .MapReferralActionRoutes()
            .MapWorklistRoutes()
            .MapClinicRoutes()
            .MapSessionRoutes()
            .MapCaseWorkRoutes()
            .MapPolicyRoutes();
        endpoints.MapGroup("/" + ApiRoutes.FhirPrefix)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .MapFhirRoutes();
        endpoints.MapOpenApi();
        return endpoints;
    }
}
