using Microsoft.Extensions.Logging;
using OrderActors.Runtime.Storage.Memory;
using OrderActors.Runtime.Storage.Postgres;
using OrderActors.Runtime.Storage.Sqlite;

namespace OrderActors.Runtime.Storage;

/// <summary>Creates the storage provider named by <see cref="StorageOptions.Provider"/>.</summary>
public static class StorageProviderFactory
{
    /// <summary>Creates (but does not initialize) the configured provider.</summary>
    public static IStorageProvider Create(StorageOptions options, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider.ToUpperInvariant() switch
        {
            "SQLITE" => new SqliteStorageProvider(options, time, loggerFactory.CreateLogger<SqliteStorageProvider>()),
            "POSTGRES" or "POSTGRESQL" => new PostgresStorageProvider(options, time, loggerFactory.CreateLogger<PostgresStorageProvider>()),
            "MEMORY" => new InMemoryStorageProvider(time),
            _ => throw new InvalidOperationException(
                $"Unknown storage provider '{options.Provider}' in {StorageOptions.SectionName}:Provider; use 'sqlite' or 'postgres'."),
        };
    }
}
