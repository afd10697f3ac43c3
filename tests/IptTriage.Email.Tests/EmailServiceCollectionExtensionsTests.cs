using IptTriage.Email.Outbox;
using IptTriage.Email.SendGrid;
using IptTriage.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IptTriage.Email.Tests;

public sealed class EmailServiceCollectionExtensionsTests
{
    [Fact]
    public void Without_an_api_key_the_outbox_is_used_at_the_configured_path()
    {
        using var services = Build(new() { ["Email:OutboxPath"] = "/tmp/custom-outbox" });

        services.GetRequiredService<IEmailSender>().Should().BeOfType<OutboxEmailSender>();
        services.GetRequiredService<IOptions<OutboxOptions>>().Value.OutboxPath.Should().Be("/tmp/custom-outbox");
    }

    [Fact]
    public void Without_configuration_the_outbox_defaults_to_the_local_iptriage_folder()
    {
        using var services = Build([]);

        services.GetRequiredService<IOptions<OutboxOptions>>().Value.OutboxPath
            .Should().Be(Path.Combine(".iptriage", "outbox"));
    }

    [Fact]
    public void With_an_api_key_sendgrid_is_used_with_the_bound_options()
    {
        using var services = Build(new()
        {
            ["SendGrid:ApiKey"] = "SG.key",
            ["SendGrid:FromAddress"] = "intake@clinic.example",
            ["SendGrid:MaxAttempts"] = "6",
        });

        services.GetRequiredService<IEmailSender>().Should().BeOfType<SendGridEmailSender>();
        var options = services.GetRequiredService<IOptions<SendGridOptions>>().Value;
        options.MaxAttempts.Should().Be(6);
        options.Host.Should().Be("https://api.sendgrid.com");
    }

    [Fact]
    public void The_send_timeout_and_the_waits_between_attempts_run_on_wall_clock_time_even_when_the_workflow_clock_is_another_with_the_clients_timeout_a_backstop()
    {
        var workflowClock = new ImmediateTimeProvider();
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(workflowClock)
            .AddSendGridEmail(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = "SG.key",
                ["SendGrid:FromAddress"] = "intake@clinic.example",
                ["SendGrid:Timeout"] = "00:00:20",
            }).Build())
            .BuildServiceProvider();

        services.GetRequiredService<TimeProvider>().Should().BeSameAs(workflowClock);
        services.GetRequiredKeyedService<TimeProvider>(SendGridEmailSender.WallClockKey).Should().BeSameAs(TimeProvider.System);
        // The typed client's name is its service type's.
        services.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IEmailSender)).Timeout.Should().Be(TimeSpan.FromSeconds(40));
    }

    [Fact]
    public void A_sendgrid_wall_clock_registered_before_is_the_one_the_sender_gets()
    {
        var wallClock = new ImmediateTimeProvider();
        using var services = new ServiceCollection()
            .AddKeyedSingleton<TimeProvider>(SendGridEmailSender.WallClockKey, wallClock)
            .AddSendGridEmail(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = "SG.key",
                ["SendGrid:FromAddress"] = "intake@clinic.example",
            }).Build())
            .BuildServiceProvider();

        services.GetRequiredKeyedService<TimeProvider>(SendGridEmailSender.WallClockKey).Should().BeSameAs(wallClock);
        services.GetRequiredService<TimeProvider>().Should().BeSameAs(TimeProvider.System);
    }

    [Fact]
    public void With_an_api_key_but_no_sender_address_resolution_fails_naming_the_missing_setting()
    {
        using var services = Build(new() { ["SendGrid:ApiKey"] = "SG.secret-value" });

        var resolve = () => services.GetRequiredService<IEmailSender>();

        resolve.Should().Throw<OptionsValidationException>()
            .Which.Message.Should().Contain("SendGrid:FromAddress").And.NotContain("SG.secret-value");
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddSendGridEmail(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
}
