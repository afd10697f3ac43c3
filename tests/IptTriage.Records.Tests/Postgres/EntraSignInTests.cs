using Azure.Core;
using IptTriage.Records.Postgres;
using IptTriage.Workflow.Records;
using Npgsql;

namespace IptTriage.Records.Tests.Postgres;

/// <summary>The wiring of Microsoft Entra sign-in, against a server role that requires a password: the token the
/// credential issues is what the store signs in with. (Entra itself cannot exist here; the credential stands in.)</summary>
[Collection(PostgresCollection.Name)]
public sealed class EntraSignInTests(PostgresFixture server) : IAsyncLifetime
{
    private const string Token = "eyJ0eXAiOiJKV1QifQ.entra-access-token";
    private string database = "";
    private string role = "";

    public async Task InitializeAsync()
    {
        database = await server.CreateDatabaseAsync();
        role = await server.CreatePasswordRoleAsync(Token, database);
    }

    [Fact]
    public async Task Without_a_password_the_store_signs_in_with_an_access_token_for_azure_postgres()
    {
        var credential = new IssuedTokenCredential(Token);

        await using var store = await PostgresRecordStore.OpenAsync(ConnectionString(password: null), credential);

        (await store.AddAsync(new NewReferral("R-1", DateTimeOffset.UnixEpoch, "{}"u8.ToArray()))).Should().Be(IntakeResult.Added);
        credential.Scopes.Should().NotBeEmpty().And.OnlyContain(scope => scope == "https://ossrdbms-aad.database.windows.net/.default");
    }

    [Fact]
    public async Task A_token_the_server_does_not_accept_fails_sign_in()
    {
        var open = () => PostgresRecordStore.OpenAsync(ConnectionString(password: null), new IssuedTokenCredential("expired"));

        (await open.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.InvalidPassword);
    }

    [Fact]
    public async Task A_password_in_the_connection_string_is_used_and_no_token_is_asked_for()
    {
        var credential = new IssuedTokenCredential("unused");

        await using var store = await PostgresRecordStore.OpenAsync(ConnectionString(password: Token), credential);

        (await store.FindAsync("R-1")).Should().BeNull();
        credential.Scopes.Should().BeEmpty();
    }

    public Task DisposeAsync() => server.DropDatabaseAsync(database);

    private string ConnectionString(string? password) =>
        new NpgsqlConnectionStringBuilder(server.ConnectionString(database)) { Username = role, Password = password, Pooling = false }.ToString();

    private sealed class IssuedTokenCredential(string token) : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
