using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using OrderActors.Client.Http;

namespace OrderActors.Tests.Cli;

/// <summary>
/// The real silo as a child process (<c>dotnet OrderActors.Silo.dll --urls http://127.0.0.1:{free port}</c>) over a fresh SQLite
/// file, with a known admin key and Taobao webhook secret; ready once it prints the line saying where it listens.
/// </summary>
public sealed class SiloProcess : IAsyncLifetime
{
    public const string AdminKey = "cli-test-admin-key-4e7d1c9a2b6f";
    public const string TaobaoSecret = "cli-test-taobao-secret-0a1b2c3d";
    public const string CarrierSecret = "cli-test-sf-carrier-secret-5e6f7a8b";

    /// <summary>A port to listen on instead of a free one (a shared machine may hand each session its own ports).</summary>
    public const string PortVariable = "ORDERACTORS_TEST_SILO_PORT";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly StringBuilder _log = new();
    private Process? _process;

    public string Url { get; private set; } = string.Empty;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "orderactors-tests", $"silo-{Guid.NewGuid():N}");

    public OrderActorsClient Admin { get; private set; } = null!;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        Url = $"http://127.0.0.1:{(int.TryParse(Environment.GetEnvironmentVariable(PortVariable), out var port) ? port : FreePort())}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "OrderActors.Silo.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["OrderActors__Storage__Provider"] = "sqlite";
        start.Environment["OrderActors__Storage__ConnectionString"] = $"Data Source={Path.Combine(Directory, "silo.db")}";
        start.Environment["OrderActors__Auth__BootstrapAdminKey"] = AdminKey;
        start.Environment["OrderActors__Channels__taobao__Secret"] = TaobaoSecret;
        start.Environment["OrderActors__Carriers__sf__Secret"] = CarrierSecret;

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Append(e.Data, listening);
        _process.ErrorDataReceived += (_, e) => Append(e.Data, listening);
        _process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The silo exited before it listened:\n{Log}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await listening.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The silo did not listen within {StartTimeout}:\n{Log}");
        }

        Admin = new OrderActorsClient(new Uri(Url), AdminKey);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Append(string? line, TaskCompletionSource listening)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }

        if (line.Contains("silo listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
