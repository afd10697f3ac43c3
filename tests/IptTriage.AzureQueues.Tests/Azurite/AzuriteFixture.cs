using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace IptTriage.AzureQueues.Tests.Azurite;

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// A real Azurite queue service (the version pinned in tools/azurite) on a free 127.0.0.1 port with its data in
/// a temporary folder. Installs Azurite with <c>npm ci</c> when it is not installed yet; stops it on dispose.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), $"azurite-{Guid.NewGuid():N}");
    private Process? azurite;

    public int Port { get; private set; }

    public string ConnectionString(string accountKey = DevelopmentAccountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={accountKey};"
        + $"QueueEndpoint=http://127.0.0.1:{Port}/devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A client as the application builds it: base64 messages, undecodable ones moved to poison.</summary>
    public QueueServiceClient Service(string? accountKey = null, ILogger? logger = null) =>
        QueueConnection.FromConnectionString(ConnectionString(accountKey ?? DevelopmentAccountKey))
            .CreateClient(logger ?? NullLogger.Instance);

    /// <summary>A client that stores and shows message text exactly as given, to see what the queue really holds.</summary>
    public QueueServiceClient RawService() =>
        new(ConnectionString(), new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    /// <summary>A fresh, created queue with a unique name, so tests never see each other's messages.</summary>
    public async Task<QueueClient> NewQueueAsync()
    {
        var queue = Service().GetQueueClient($"test-{Guid.NewGuid():N}");
        await queue.CreateAsync();
        return queue;
    }

    public QueueListener Listener(QueueListenerOptions options, TimeProvider? timeProvider = null) =>
        new(Service(), options, timeProvider ?? TimeProvider.System, NullLogger<QueueListener>.Instance);

    public async Task InitializeAsync()
    {
        var toolFolder = Path.Combine(RepositoryRoot(), "tools", "azurite");
        var entryPoint = Path.Combine(toolFolder, "node_modules", "azurite", "dist", "src", "queue", "main.js");
        if (!File.Exists(entryPoint))
        {
            await RunToCompletionAsync("npm", ["ci", "--prefix", toolFolder, "--no-audit", "--no-fund"], InstallTimeout);
        }

        Directory.CreateDirectory(dataFolder);
        Port = FreePort();
        azurite = Process.Start(StartInfo("node",
        [
            entryPoint, "--queueHost", "127.0.0.1", "--queuePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", dataFolder, "--silent", "--disableTelemetry", "--skipApiVersionCheck",
        ]))!;
        DrainOutput(azurite);
        await WaitUntilListeningAsync();
    }

    public async Task DisposeAsync()
    {
        if (azurite is { HasExited: false })
        {
            azurite.Kill(entireProcessTree: true);
            await azurite.WaitForExitAsync();
        }

        azurite?.Dispose();
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (azurite!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {azurite.ExitCode} before listening.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"Azurite did not listen on 127.0.0.1:{Port} within {StartTimeout}.");
    }

    private static async Task RunToCompletionAsync(string fileName, string[] arguments, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(fileName, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', arguments)}' failed ({process.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    // Unread pipes fill up and would block the emulator.
    private static void DrainOutput(Process process)
    {
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IptTriage.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (IptTriage.sln) above the test binaries.");
    }
}
