using Npgsql;
using OrderActors.Runtime.Storage;

namespace OrderActors.Tests.Infrastructure;

/// <summary>
/// Real databases for tests: a fresh SQLite file, or a fresh PostgreSQL database on the server named by
/// <c>ORDERACTORS_TEST_POSTGRES</c> (test.sh starts a throwaway one). Without that variable the PostgreSQL
/// tests fail with a message saying how to run them; they never skip.
/// </summary>
public static class TestDatabases
{
    public const string PostgresVariable = "ORDERACTORS_TEST_POSTGRES";

    public static StorageOptions Sqlite(string? name = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "orderactors-tests");
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, $"{name ?? "db"}-{Guid.NewGuid():N}.db");
        return new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={file}" };
    }

    public static async Task<StorageOptions> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need a server: run ./test.sh (it starts a throwaway PostgreSQL), or set {PostgresVariable} to an Npgsql connection string of a user that may CREATE DATABASE.");
        }

        var database = $"oa_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(admin))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = database };
        return new StorageOptions { Provider = "postgres", ConnectionString = builder.ConnectionString };
    }

    /// <summary>Both providers, for <c>[Theory]</c> tests: <c>[MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]</c>.</summary>
    public static TheoryData<string> Providers => new() { "sqlite", "postgres" };

    public static async Task<StorageOptions> CreateAsync(string provider, string? name = null) => provider switch
    {
        "sqlite" => Sqlite(name),
        "postgres" => await PostgresAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "sqlite or postgres"),
    };
}
