using IptTriage.Email;
using IptTriage.Triage.Policy;
using IptTriage.Workflow;
using IptTriage.Workflow.Activities;
using IptTriage.Workflow.Clinics;
using IptTriage.Workflow.Notifications;
using IptTriage.Workflow.Records;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IptTriage.Composition;

public static class ActivityServices
{
    /// <summary>What the workflow's activities need (policy, clinics, templates, email, hasher, options, clock) without
    /// an engine and without a record store: each host adds its own store (<see cref="RecordStores"/>) and engine.
    /// Files that cannot be read stop start-up with a message saying which and why.</summary>
    /// <param name="auditHashKey">The key addresses are hashed with in the audit trail; where it comes from is the
    /// host's choice (configured on Azure, a key file on one machine).</param>
    public static IServiceCollection AddReferralActivityServices(
        this IServiceCollection services, IConfiguration configuration, IptTriageOptions options, byte[] auditHashKey)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(WorkspaceOptions.Configure(configuration.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>() ?? new WorkflowOptions(), configuration));
        services.AddSingleton(LoadPolicy(options.PolicyPath));
        services.AddSingleton(LoadClinics(options.ClinicsPath));
        services.AddSingleton(NotificationTemplates.LoadBundled());
        services.AddSingleton(new RecipientHasher(auditHashKey));
        // Configured before Email:* is bound, so the outbox lives with the rest of the data unless Email:OutboxPath says otherwise.
        services.AddOptions<OutboxOptions>().Configure(outbox => outbox.OutboxPath = options.OutboxPath);
        services.AddSendGridEmail(configuration);
        services.AddTransient<ScreenReferral>().AddTransient<SendNotification>();
        return services;
    }

    private static TriagePolicy LoadPolicy(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return PolicyFile.LoadDefault();
        using var stream = OpenOrExplain(path, "policy file");
        return PolicyFile.Load(stream, path);
    }

    private static ClinicDirectory LoadClinics(string path)
    {
        using var stream = OpenOrExplain(path, "clinic directory");
        return ClinicDirectory.Load(stream, path);
    }

    private static FileStream OpenOrExplain(string path, string what) => File.Exists(path)
        ? File.OpenRead(path)
        : throw new FileNotFoundException($"The {what} '{path}' does not exist.", path);
}
