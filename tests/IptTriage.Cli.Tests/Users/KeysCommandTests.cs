using System.Security.Cryptography;
using System.Text;
using IptTriage.Cli.Tests.Support;

namespace IptTriage.Cli.Tests.Users;

/// <summary><c>iptriage keys hash</c>: the <c>KeyHash</c> of a key read from standard input.</summary>
public sealed class KeysCommandTests
{
    [Fact]
    public void The_hash_is_sha256_of_the_keys_first_line_in_lower_case_hex()
    {
        const string key = "9f1c2e7a4b6d8e0f1a3c5e7b9d2f4a6c8e0b";

        var hashed = InProcessCli.RunWithStdin(key + "\r\n", "keys", "hash");

        hashed.ExitCode.Should().Be(ExitCodes.Success, hashed.Stderr);
        hashed.Stdout.Trim().Should().Be("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
    }

    [Fact]
    public void A_key_that_is_not_random_is_refused_without_repeating_it()
    {
        var refused = InProcessCli.RunWithStdin("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "keys", "hash");

        refused.ExitCode.Should().Be(ExitCodes.UsageError);
        refused.Stderr.Trim().Should().Be("iptriage keys hash: the key is not a random key of at least 32 characters; create one with 'openssl rand -hex 24'");
        refused.Stdout.Should().BeEmpty();
    }
}
