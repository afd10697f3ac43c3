using IptTriage.Api.Security;
using IptTriage.Cli.Commands.Serve;
using IptTriage.Cli.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace IptTriage.Cli.Tests.Serve;

public sealed class DevelopmentKeysTests : IDisposable
{
    private readonly TempDirectory data = new();

    [Fact]
    public void A_keys_file_an_earlier_version_wrote_with_the_keys_themselves_is_rewritten_with_their_hashes()
    {
        const string key = "0b9d7e5c3a1f8e6d4c2b0a9f7e5d3c1b";
        var file = data.Write(DevelopmentKeys.FileName, $$$"""{"Api":{"Keys":[{"Key":"{{{key}}}","Role":"coordinator"}]}}""");
        var configuration = new ConfigurationManager();
        configuration.AddInMemoryCollection([new("IptTriage:DataDirectory", data.Path)]);

        DevelopmentKeys.AddIfNoneConfigured(configuration).Should().NotBeNull();

        File.ReadAllText(file).Should().NotContain(key);
        configuration["Api:Keys:0:Key"].Should().BeNull();
        configuration["Api:Keys:0:KeyHash"].Should().Be(ApiKeyring.KeyHashOf(key));
        configuration["Api:Keys:0:Role"].Should().Be("coordinator");
    }

    public void Dispose() => data.Dispose();
}
