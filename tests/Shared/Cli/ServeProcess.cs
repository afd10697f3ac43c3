using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace IptTriage.Testing;

/// <summary><c>iptriage serve</c> run for real as a child process, its output captured.</summary>
public sealed class ServeProcess : IDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder output = new();
    private readonly StringBuilder errors = new();

    private ServeProcess(Process process) => this.process = process;

    public string Output { get { lock (output) return output.ToString(); } }

    public string Errors { get { lock (errors) return errors.ToString(); } }

    /// <param name="environment">Settings for the child (<c>IPTRIAGE_Api__Keys__0__Key</c> and so on).</param>
    public static ServeProcess Start(int port, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(DotnetHost.Path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "iptriage.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data", dataDirectory })
            start.ArgumentList.Add(arg);
        var serve = new ServeProcess(new Process { StartInfo = start });
        serve.process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (serve.output) serve.output.AppendLine(line.Data);
            serve.lines.Writer.TryWrite(line.Data);
        };
        serve.process.ErrorDataReceived += (_, line) => { lock (serve.errors) serve.errors.AppendLine(line.Data); };
        serve.process.Start();
        serve.process.BeginOutputReadLine();
        serve.process.BeginErrorReadLine();
        return serve;
    }

    /// <summary>Starts serve and waits until it listens and has said which keys it uses (which it does once started).</summary>
    public static async Task<ServeProcess> StartAsync(int port, string dataDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var serve = Start(port, dataDirectory, environment);
        // With keys configured there is nothing to announce.
        var keysConfigured = environment?.Keys.Any(name => name.StartsWith("IPTRIAGE_Api__Keys__", StringComparison.Ordinal)) == true;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var (started, keysAnnounced) = (false, keysConfigured);
        while (!(started && keysAnnounced))
        {
            var line = await serve.lines.Reader.ReadAsync(guard.Token);
            started |= line.Contains("Application started", StringComparison.Ordinal);
            keysAnnounced |= line.StartsWith("API keys:", StringComparison.Ordinal) || line.StartsWith("Configure Api:Keys", StringComparison.Ordinal);
        }
        return serve;
    }

    /// <summary>The key printed for <paramref name="role"/> on a first run ("  role  key").</summary>
    public string KeyFor(string role) =>
        Output.Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Single(words => words.Length == 2 && words[0] == role)[1];

    /// <summary>Ctrl+C, as a terminal sends it.</summary>
    public async Task<int> InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        return await WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(guard.Token);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: the process dies at once, mid-request, mid-activity or mid-commit.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await WaitForExitAsync();
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
