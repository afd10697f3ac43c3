using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IptTriage.Benchmarks.Durable;

/// <summary>
/// Azurite (blob, queue and table, the version pinned in tools/azurite) on free 127.0.0.1 ports with its data in a
/// temporary folder; stopped and the folder deleted on dispose. Needs <c>npm ci --prefix tools/azurite</c> first.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly DirectoryInfo dataFolder;
    private readonly int[] ports;

    private AzuriteProcess(Process process, DirectoryInfo dataFolder, int[] ports)
    {
        this.process = process;
        this.dataFolder = dataFolder;
        this.ports = ports;
    }

    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentAccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{ports[0]}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{ports[1]}/devstoreaccount1;"
        + $"TableEndpoint=http://127.0.0.1:{ports[2]}/devstoreaccount1;");

    /// <summary>Azurite's own peak working set so far (it is a separate node process), in MB.</summary>
    public double PeakMegabytes()
    {
        process.Refresh();
        return process.PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>Azurite's CPU time so far.</summary>
    public TimeSpan ProcessorTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var entryPoint = Path.Combine(RepositoryRoot(), "tools", "azurite", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entryPoint))
        {
            throw new InvalidOperationException($"Azurite is not installed ({entryPoint} is missing): run 'npm ci --prefix tools/azurite'.");
        }

        var dataFolder = Directory.CreateTempSubdirectory("ipt-dtfx-azurite-");
        var ports = FreePorts(3);
        var info = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     entryPoint, "--silent", "--location", dataFolder.FullName, "--skipApiVersionCheck", "--disableTelemetry",
                     "--blobHost", "127.0.0.1", "--blobPort", Text(ports[0]),
                     "--queueHost", "127.0.0.1", "--queuePort", Text(ports[1]),
                     "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]),
                 })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start.");
        // Unread pipes fill up and would block the emulator.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var azurite = new AzuriteProcess(process, dataFolder, ports);
        try
        {
            await azurite.WaitUntilListeningAsync();
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        dataFolder.Refresh();
        if (dataFolder.Exists)
        {
            dataFolder.Delete(recursive: true);
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    // All listening at once, so the three ports differ.
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Dispose();
            }
        }
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "IptTriage.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find the repository root (IptTriage.sln) above the working folder or the binaries.");
    }
}
