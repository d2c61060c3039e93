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
        if (SqlitePath(connection) is { } path)
        {
            DeleteWithLog(path);
            DeleteWithLog(SqliteIndexPath(path));
        }
    }

    /// <summary>Deletes only the query index file of a SQLite database (and its WAL and shared-memory files): an index lost, as the rebuild is for.</summary>
    public static void DeleteSqliteIndexFiles(string connection) =>
        DeleteWithLog(SqliteIndexPath(SqlitePath(connection) ?? throw new ArgumentException("Not a SQLite connection made here.", nameof(connection))));

    /// <summary>The database file of a connection string made by <see cref="SqliteConnection"/>, null for any other.</summary>
    public static string? SqlitePath(string? connection)
    {
        const string prefix = "Data Source=";
        return connection is not null && connection.StartsWith(prefix, StringComparison.Ordinal) ? connection[prefix.Length..] : null;
    }

    /// <summary>The query index file beside a SQLite database file.</summary>
    public static string SqliteIndexPath(string databasePath) => OrderActors.Runtime.Storage.Sqlite.SqliteIndexStore.PathFor(databasePath);

    private static void DeleteWithLog(string database)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
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
