using Azure.Core;
using Npgsql;

namespace IptTriage.Records.Postgres;

/// <summary>Azure Database for PostgreSQL with Microsoft Entra authentication takes an access token as the password:
/// a connection string without a password gets one from the credential each time a new connection signs in.</summary>
internal static class EntraSignIn
{
    public static readonly TokenRequestContext Request = new(["https://ossrdbms-aad.database.windows.net/.default"]);

    public static NpgsqlDataSource CreateDataSource(string connectionString, TokenCredential credential)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ConnectionStringBuilder.Password))
        {
            builder.UsePasswordProvider(
                _ => credential.GetToken(Request, CancellationToken.None).Token,
                async (_, cancellationToken) => (await credential.GetTokenAsync(Request, cancellationToken)).Token);
        }
        return builder.Build();
    }
}
