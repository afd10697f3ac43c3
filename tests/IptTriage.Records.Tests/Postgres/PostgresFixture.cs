using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IptTriage.Records.Tests.Postgres;

/// <summary>A throwaway PostgreSQL server for the tests: a new cluster in a temp directory, listening on a free
/// loopback port, stopped and deleted afterwards. It uses the server binaries installed on the machine and fails,
/// saying what is missing, when there are none.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>initdb and postgres refuse to run as root, and CI runs as root; they run as this account instead.</summary>
    private const string UnprivilegedUser = "nobody";

    private const string PasswordSignIn = "password_sign_in";

    private string root = "";
    private string binaries = "";
    private int port;

    private string DataDirectory => Path.Combine(root, "data");

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = "postgres", Database = database }.ToString();

    public async Task InitializeAsync()
    {
        binaries = FindBinaries();
        root = Directory.CreateTempSubdirectory("iptriage-pg-").FullName;
        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            // The server, running as another account, creates its data directory, log and socket in here.
            File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }
        await RunAsync("initdb", "-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        // Everyone signs in without a password but members of this role, who must give theirs (the first match wins).
        var hba = Path.Combine(DataDirectory, "pg_hba.conf");
        await File.WriteAllTextAsync(hba, $"host all +{PasswordSignIn} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(hba));
        await StartOnAFreePortAsync();
        await AdministerAsync($"CREATE ROLE {PasswordSignIn} NOLOGIN");
    }

    /// <summary>A login role that must sign in with <paramref name="password"/>, owning <paramref name="database"/>.</summary>
    public async Task<string> CreatePasswordRoleAsync(string password, string database)
    {
        var role = $"app_{Guid.NewGuid():N}";
        await AdministerAsync($"CREATE ROLE {role} LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}' IN ROLE {PasswordSignIn}");
        await AdministerAsync($"ALTER DATABASE {database} OWNER TO {role}");
        return role;
    }

    /// <summary>A new, empty database; dropping it closes whatever connections remain.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await AdministerAsync($"CREATE DATABASE {name}");
        return name;
    }

    public Task DropDatabaseAsync(string name) => AdministerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    public async Task DisposeAsync()
    {
        if (root == "") return;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))) await RunAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private async Task AdministerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Another process may take the port between choosing it and the server binding it; try a few.</summary>
    private async Task StartOnAFreePortAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            port = FreeLoopbackPort();
            try
            {
                await RunAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "start",
                    "-o", $"-c listen_addresses=127.0.0.1 -p {port} -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(binaries, tool);
        var start = Environment.IsPrivilegedProcess
            ? new ProcessStartInfo("runuser") { ArgumentList = { "-u", UnprivilegedUser, "--", executable } }
            : new ProcessStartInfo(executable);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(root, "server.log");
            throw new InvalidOperationException(
                $"{tool} exited with {process.ExitCode}:\n{await output}{await errors}" + (File.Exists(log) ? $"\nserver log:\n{await File.ReadAllTextAsync(log)}" : ""));
        }
    }

    private static string FindBinaries()
    {
        string[] candidates = [.. PgConfigBinDir(), .. Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(VersionOf).Select(version => Path.Combine(version, "bin"))
            : []];
        return candidates.FirstOrDefault(directory => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "The PostgreSQL server binaries (initdb, pg_ctl) were not found: looked in `pg_config --bindir` and /usr/lib/postgresql/*/bin. " +
                "Install them (Debian: apt-get install postgresql-15) to run the PostgreSQL record store tests.");
    }

    private static int VersionOf(string directory) => int.TryParse(Path.GetFileName(directory), out var version) ? version : 0;

    private static IEnumerable<string> PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null) return [];
            var directory = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? [directory] : [];
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return []; // no pg_config on the PATH
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL server";
}
