using System.Data.Common;
using System.Text.RegularExpressions;
using IptTriage.AzureQueues;
using IptTriage.Composition;
using IptTriage.Email;
using IptTriage.Email.Outbox;
using IptTriage.Workflow;
using IptTriage.Workflow.Clinics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static IptTriage.Hosting.Tests.Deployment.DeploymentFiles;

namespace IptTriage.Hosting.Tests.Deployment;

/// <summary>The facts the Azure deployment depends on, checked in host.json, local.settings.sample.json, the azd
/// files and the Bicep text. test.sh compiles and lints the Bicep itself; these tests check what the compiler cannot:
/// that the values are the ones the app needs.</summary>
public sealed partial class ConfigurationFileTests
{
    private const string AppSettingsBicep = "app/api.bicep";
    private const string MainBicep = "main.bicep";

    /// <summary>Environment-variable names (<c>__</c> for <c>:</c>) of the settings the app reads without a usable
    /// default; named from the options classes so a rename there fails here.</summary>
    private static readonly string[] SettingsTheAppReads =
    [
        Setting(SendGridOptions.SectionName, nameof(SendGridOptions.ApiKey)),
        Setting(SendGridOptions.SectionName, nameof(SendGridOptions.FromAddress)),
        Setting(WorkflowOptions.SectionName, nameof(WorkflowOptions.CoordinatorsEmail)),
        Setting(WorkflowOptions.SectionName, nameof(WorkflowOptions.CrisisTeamEmail)),
        Setting(WorkflowOptions.SectionName, nameof(WorkflowOptions.SupervisorEmail)),
        Setting(WorkspaceOptions.SectionName, WorkspaceOptions.BaseUrl),
        Setting(IptTriageOptions.SectionName, nameof(IptTriageOptions.ClinicsPath)),
        // The PostgreSQL record store's options class lives outside this project's references.
        "RecordStore__PostgresConnectionString",
    ];

    private static readonly QueueListenerOptions LocalIntakeListener = new() { QueueName = "referral-intake" };

    [Fact]
    public void The_intake_queue_trigger_gives_up_after_as_many_deliveries_as_the_local_listener()
    {
        var queues = HostJson["extensions"]!["queues"]!;

        queues["maxDequeueCount"]!.GetValue<int>().Should().Be(5).And.Be(LocalIntakeListener.MaxDequeueCount);
        queues["batchSize"]!.GetValue<int>().Should().BeInRange(1, 32, "the queue service hands out at most 32 messages at once");
        queues["messageEncoding"]!.GetValue<string>().Should().Be("base64", "the intake client stores base64 of UTF-8, as the trigger expects");
    }

    [Fact]
    public void The_intake_queue_is_polled_often_enough_to_alert_the_crisis_team_within_a_minute()
    {
        var queues = HostJson["extensions"]!["queues"]!;

        TimeSpan.Parse(queues["maxPollingInterval"]!.GetValue<string>()).Should().BePositive().And.BeLessThan(TimeSpan.FromSeconds(10));
        TimeSpan.Parse(queues["visibilityTimeout"]!.GetValue<string>()).Should().BeLessThan(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void The_functions_host_adds_no_route_prefix_as_each_trigger_carries_its_own()
    {
        HostJson["extensions"]!["http"]!["routePrefix"]!.GetValue<string>().Should().BeEmpty("routes live under /api and /fhir (ApiRoute.Prefix)");
    }

    [Fact]
    public void The_task_hub_name_satisfies_the_azure_storage_rules()
    {
        var hubName = HostJson["extensions"]!["durableTask"]!["hubName"]!.GetValue<string>();

        hubName.Should().Be("IptTriageHub");
        hubName.Should().MatchRegex("^[A-Za-z][A-Za-z0-9]{2,44}$", "a hub name is 3-45 letters and digits, starting with a letter");
    }

    [Fact]
    public void Durable_functions_keep_orchestration_inputs_outputs_and_replays_out_of_the_logs()
    {
        var tracing = HostJson["extensions"]!["durableTask"]!["tracing"]!;
        var logLevels = HostJson["logging"]!["logLevel"]!;

        tracing["traceInputsAndOutputs"]!.GetValue<bool>().Should().BeFalse();
        tracing["traceReplayEvents"]!.GetValue<bool>().Should().BeFalse();
        logLevels["Host.Triggers.DurableTask"]!.GetValue<string>().Should().BeOneOf("Warning", "Error", "Critical", "None");
        logLevels["default"]!.GetValue<string>().Should().BeOneOf("Warning", "Error", "Critical", "None");
    }

    [Fact]
    public void Every_setting_the_app_reads_is_in_the_local_sample_and_in_the_function_app_settings()
    {
        var appSettings = Bicep(AppSettingsBicep);

        LocalSettings.Keys.Should().Contain(SettingsTheAppReads);
        SettingsTheAppReads.Where(name => !MentionsIdentifier(appSettings, name)).Should().BeEmpty("each is set in {0}", AppSettingsBicep);
    }

    [Fact]
    public void The_local_sample_configures_a_working_local_run_that_writes_email_to_the_outbox()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalSettings.Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)))
            .Build();

        var workflow = WorkspaceOptions.Configure(configuration.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>()!, configuration);
        workflow.CaseLink("r-1").Should().Be(new Uri("http://localhost:7071/cases/r-1"), "staff links open the case's page in the workspace");
        using var services = new ServiceCollection().AddSendGridEmail(configuration).BuildServiceProvider();
        services.GetRequiredService<IEmailSender>().Should().BeOfType<OutboxEmailSender>("the sample has no SendGrid key");
        File.Exists(Path.Combine(AppContext.BaseDirectory, LocalSettings["IptTriage__ClinicsPath"])).Should().BeTrue("the path is relative to the app's own directory");
        new DbConnectionStringBuilder { ConnectionString = LocalSettings["RecordStore__PostgresConnectionString"] }
            .Keys.Cast<string>().Should().Contain(["host", "database", "username"]);
    }

    [Fact]
    public void Api_keys_are_role_and_key_pairs_for_known_roles_and_clinics_and_come_from_key_vault_on_azure()
    {
        var apiKeySettings = LocalSettings.Select(setting => (Name: ApiKeySetting().Match(setting.Key), setting.Value)).Where(setting => setting.Name.Success).ToList();
        var roles = apiKeySettings.Where(setting => setting.Name.Groups["part"].Value == "Role").ToDictionary(setting => setting.Name.Groups["index"].Value, setting => setting.Value);
        var keyIndexes = apiKeySettings.Where(setting => setting.Name.Groups["part"].Value == "Key").Select(setting => setting.Name.Groups["index"].Value);
        var clinicIds = roles.Values.Where(role => role.StartsWith("clinic:", StringComparison.Ordinal)).Select(role => role["clinic:".Length..]).ToList();
        using var clinicsFile = File.OpenRead(Path.Combine(AppContext.BaseDirectory, LocalSettings["IptTriage__ClinicsPath"]));
        var clinics = ClinicDirectory.Load(clinicsFile, "clinics.json");

        keyIndexes.Should().BeEquivalentTo(roles.Keys, "every role has a key and every key a role");
        roles.Values.Should().Contain(["coordinator", "intake"]);
        clinicIds.Should().NotBeEmpty().And.OnlyContain(clinicId => clinics.Find(clinicId) != null);
        Bicep(AppSettingsBicep).Should().Contain("'Api__Keys__${index}__Role': apiKeyRoles[index].role")
            .And.Contain("'Api__Keys__${index}__Key': '@Microsoft.KeyVault(SecretUri=");
    }

    [Fact]
    public void On_azure_secrets_are_key_vault_references_and_storage_takes_no_account_keys()
    {
        var appSettings = Bicep(AppSettingsBicep);
        var everyBicepFile = string.Join('\n', AllBicepFiles.Select(Bicep));

        appSettings.Should().Contain("SendGrid__ApiKey: '@Microsoft.KeyVault(SecretUri=");
        appSettings.Should().Contain("AzureWebJobsStorage__credential: 'managedidentity'");
        appSettings.Should().MatchRegex("RecordStore__PostgresConnectionString: '[^']*Ssl Mode=Require'").And.NotContainEquivalentOf("Password");
        Bicep("core/storage/storage-account.bicep").Should().Contain("allowSharedKeyAccess: false");
        everyBicepFile.Should().NotContainAny(["listKeys(", "AccountKey="]);
    }

    [Fact]
    public void The_function_app_runs_this_dotnet_version_on_flex_consumption_without_the_settings_flex_rejects()
    {
        var appSettings = Bicep(AppSettingsBicep);

        appSettings.Should().Contain("name: 'dotnet-isolated'").And.Contain($"version: '{Environment.Version.Major}.0'");
        appSettings.Should().Contain("'azd-service-name': 'api'").And.Contain("type: 'UserAssignedIdentity'");
        Bicep("core/host/flex-consumption-plan.bicep").Should().Contain("name: 'FC1'").And.Contain("reserved: true");
        string[] rejectedByFlex = ["FUNCTIONS_EXTENSION_VERSION", "FUNCTIONS_WORKER_RUNTIME", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"];
        rejectedByFlex.Where(name => MentionsIdentifier(appSettings, name)).Should().BeEmpty();
    }

    [Fact]
    public void The_intake_queue_and_its_poison_queue_are_provisioned()
    {
        Bicep(MainBicep).Should().Contain($"queueNames: ['{LocalIntakeListener.QueueName}', '{LocalIntakeListener.PoisonQueueName}']");
    }

    [Fact]
    public void The_identity_holds_the_roles_durable_functions_key_vault_references_and_telemetry_need()
    {
        var rbac = Bicep("app/rbac.bicep");

        string[] roleDefinitionIds =
        [
            "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
            "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
            "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", // Storage Table Data Contributor
            "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User
            "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        ];
        rbac.Should().ContainAll(roleDefinitionIds);
    }

    [Fact]
    public void Every_parameter_azd_passes_exists_every_required_one_is_passed_and_secrets_come_from_the_environment()
    {
        var declared = BicepParameters(MainBicep).ToDictionary(parameter => parameter.Name);
        var passed = BicepParameterValues.ToDictionary(parameter => parameter.Key, parameter => parameter.Value!["value"]!.GetValue<string>());

        declared.Keys.Should().Contain(passed.Keys);
        passed.Keys.Should().Contain(declared.Values.Where(parameter => !parameter.HasDefault).Select(parameter => parameter.Name));
        declared.Values.Where(parameter => parameter.IsSecure).Should().HaveCountGreaterThanOrEqualTo(3)
            .And.OnlyContain(parameter => Regex.IsMatch(passed[parameter.Name], @"^\$\{[A-Z0-9_]+\}$"), "a secret is never written into the parameters file");
        passed["environmentName"].Should().Be("${AZURE_ENV_NAME}");
        passed["location"].Should().Be("${AZURE_LOCATION}");
    }

    [Fact]
    public void Azd_deploys_the_functions_project_as_the_api_service()
    {
        AzureYamlLines.Select(line => line.Trim()).Should().ContainInOrder(
            "name: iptriage", "services:", "api:", "project: ./src/IptTriage.Functions", "language: dotnet", "host: function");
    }

    private static string Setting(string section, string key) => $"{section}__{key}";

    [GeneratedRegex(@"^Api__Keys__(?<index>\d+)__(?<part>Role|Key)$")]
    private static partial Regex ApiKeySetting();
}
