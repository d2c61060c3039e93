using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Hosting;

namespace OrderActors.Bench.InProcess;

/// <summary>The silo's runtime and grains hosted inside the benchmark process (no HTTP), over a chosen storage provider.</summary>
internal static class InProcessSilo
{
    /// <summary>A fresh database for <paramref name="provider"/>: a new SQLite file, a new PostgreSQL database, or null (memory).</summary>
    public static async Task<string?> NewConnectionAsync(string provider, string? postgres, string name) => provider switch
    {
        "sqlite" => SqliteConnection(name),
        "postgres" => await (await ThrowawayPostgres.StartAsync(postgres ?? Environment.GetEnvironmentVariable("ORDERACTORS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("postgres needs --postgres or ORDERACTORS_TEST_POSTGRES"))).CreateDatabaseAsync(),
        _ => null,
    };

    /// <summary>A connection string to a new SQLite file in the temp folder; <see cref="DeleteSqliteFiles"/> removes it.</summary>
    public static string SqliteConnection(string name) => $"Data Source={Path.Combine(Path.GetTempPath(), $"oa-{name}-{Guid.NewGuid():N}.db")}";

    /// <summary>
    /// Deletes a SQLite database made by <see cref="NewConnectionAsync"/> (with its query index file, and the WAL and shared-memory files of both) once the
    /// run is over; other connections are left alone. A 100,000-reservation run leaves ~80 MB otherwise.
    /// </summary>
    public static void DeleteSqliteFiles(string? connection)
    {
        const string prefix = "Data Source=";
        if (connection is null || !connection.StartsWith(prefix, StringComparison.Ordinal))
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = connection[prefix.Length..];
        foreach (var database in new[] { path, OrderActors.Runtime.Storage.Sqlite.SqliteIndexStore.PathFor(path) })
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Configuration overrides from <c>--set key=value</c> options (as the HTTP scenarios pass to the silo).</summary>
    public static IReadOnlyDictionary<string, string?> Settings(IReadOnlyList<string> pairs)
    {
        var settings = new Dictionary<string, string?>();
        foreach (var pair in pairs)
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new ArgumentException($"--set takes key=value, not '{pair}'.", nameof(pairs));
            }

            settings[pair[..at]] = pair[(at + 1)..];
        }

        return settings;
    }

    /// <summary>Builds (not starts) a host with the runtime and the domain grains, plus <paramref name="extraGrains"/>.</summary>
    public static IHost Build(string provider, string? connection, IReadOnlyDictionary<string, string?>? settings = null, params Assembly[] extraGrains)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var configuration = new Dictionary<string, string?>
        {
            ["OrderActors:Storage:Provider"] = provider,
            ["OrderActors:Storage:ConnectionString"] = connection,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddOrderActorsRuntime(builder.Configuration, [typeof(IOrderGrain).Assembly, .. extraGrains]);
        builder.Services.AddOrderActorsGrains(builder.Configuration);
        return builder.Build();
    }
}
