using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrderActors.Bench.Load;

/// <summary>
/// Starts the server a load run targets as a child process on a loopback port: the OrderActors silo
/// (<c>dotnet OrderActors.Silo.dll</c>, configured on its command line) or the plain-SQL baseline
/// (<c>dotnet OrderActors.Bench.dll baseline-server</c>), each over a fresh database of the chosen provider.
/// </summary>
public static class ServerLauncher
{
    public const string AdminKey = "bench-admin-key-0123456789abcdef0123456789abcdef";
    public const string ShopifySecret = "bench-shopify-secret-0123456789";

    public static async Task<ServerProcess> StartAsync(LoadOptions options, string runDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(runDirectory);
        var connection = await CreateDatabaseAsync(options, runDirectory);
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = runDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (options.Target == "baseline")
        {
            start.ArgumentList.Add(typeof(ServerLauncher).Assembly.Location);
            start.ArgumentList.Add("baseline-server");
            Add(start, "--urls", url, "--provider", options.Provider, "--connection", connection);
        }
        else
        {
            start.ArgumentList.Add(FindSilo(options.SiloDll));
            Add(start, "--urls", url);
            Add(start,
                $"--OrderActors:Storage:Provider={options.Provider}",
                $"--OrderActors:Storage:ConnectionString={connection}",
                $"--OrderActors:Auth:BootstrapAdminKey={AdminKey}",
                $"--OrderActors:Channels:shopify:Secret={ShopifySecret}",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information");
            if (options.Hold is { } hold)
            {
                start.ArgumentList.Add($"--OrderActors:Orders:PaymentHold={hold.ToString("c", CultureInfo.InvariantCulture)}");
            }
        }

        foreach (var setting in options.ServerSettings)
        {
            start.ArgumentList.Add("--" + setting);
        }

        var server = new ServerProcess(start, new Uri(url), Path.Combine(runDirectory, $"{options.Target}.log"));
        await server.StartAsync(cancellationToken);
        return server;
    }

    public static string FindSilo(string? given)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(given))
        {
            candidates.Add(given);
        }

        if (Environment.GetEnvironmentVariable("ORDERACTORS_SILO_DLL") is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(fromEnvironment);
        }

        // Beside us (the test project references the silo), else the silo's own output of this configuration.
        candidates.Add(Path.Combine(AppContext.BaseDirectory, "OrderActors.Silo.dll"));
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var root = ThrowawayPostgres.RepoRoot();
        candidates.Add(Path.Combine(root, "OrderActors.Silo", "bin", configuration, "net10.0", "OrderActors.Silo.dll"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"OrderActors.Silo.dll not found (looked in: {string.Join(", ", candidates)}); build the silo or pass --silo <path>.");
    }

    private static async Task<string> CreateDatabaseAsync(LoadOptions options, string runDirectory)
    {
        if (options.Provider == "postgres")
        {
            var admin = options.PostgresAdmin ?? Environment.GetEnvironmentVariable("ORDERACTORS_TEST_POSTGRES")
                ?? throw new InvalidOperationException("--provider postgres needs --postgres <admin connection string> or ORDERACTORS_TEST_POSTGRES.");
            await using var pg = await ThrowawayPostgres.StartAsync(admin);
            return await pg.CreateDatabaseAsync();
        }

        return options.Provider == "memory" ? "none" : $"Data Source={Path.Combine(runDirectory, options.Target + ".db")}";
    }

    private static void Add(ProcessStartInfo start, params string[] arguments)
    {
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
