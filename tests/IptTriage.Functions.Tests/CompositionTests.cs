using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IptTriage.Functions.Tests;

public sealed class CompositionTests
{
    [Fact]
    public void Without_a_configured_audit_hash_key_the_app_refuses_to_start_naming_the_setting()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("iptriage-functions-composition-").FullName;
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:DataDirectory"] = dataDirectory })
                .Build();

            var compose = () => new ServiceCollection().AddIptTriageFunctions(configuration);

            compose.Should().Throw<InvalidOperationException>().WithMessage("IptTriage:AuditHashKey is not set*");
            File.Exists(Path.Combine(dataDirectory, "audit-hash.key")).Should().BeFalse("an instance must never make a key of its own");
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void Without_a_postgres_connection_string_the_app_refuses_to_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IptTriage:AuditHashKey"] = Convert.ToBase64String(new byte[32]) })
            .Build();

        var compose = () => new ServiceCollection().AddIptTriageFunctions(configuration);

        compose.Should().Throw<InvalidOperationException>().WithMessage("RecordStore:PostgresConnectionString is not set*");
    }
}
