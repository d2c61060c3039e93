using System.Diagnostics;
using Npgsql;

namespace OrderActors.Bench;

/// <summary>
/// A PostgreSQL server for a benchmark run: the one named by <c>--postgres</c> / <c>ORDERACTORS_TEST_POSTGRES</c>,
/// or a throwaway cluster started with <c>deploy/pg-throwaway.sh</c> and stopped on dispose.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    private readonly string? _dir;

    private ThrowawayPostgres(string adminConnectionString, string? dir)
    {
        AdminConnectionString = adminConnectionString;
        _dir = dir;
    }

    public string AdminConnectionString { get; }

    public static async Task<ThrowawayPostgres> StartAsync(string? given)
    {
        given ??= Environment.GetEnvironmentVariable("ORDERACTORS_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new ThrowawayPostgres(given, null);
        }

        var script = Path.Combine(RepoRoot(), "deploy", "pg-throwaway.sh");
        var psi = new ProcessStartInfo("bash", [script, "start", "55499"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not run " + script);
        var stdout = await p.StandardOutput.ReadToEndAsync();
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg-throwaway.sh failed ({p.ExitCode}): {stderr}. Pass --postgres <connection string> instead.");
        }

        return new ThrowawayPostgres(stdout.Trim().Split('\n')[^1], stderr.Trim().Split('\n')[^1]);
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"bench_{Guid.NewGuid():N}";
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dir is null)
        {
            return;
        }

        using var p = Process.Start("bash", [Path.Combine(RepoRoot(), "deploy", "pg-throwaway.sh"), "stop", _dir]);
        await p.WaitForExitAsync();
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OrderActors.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
