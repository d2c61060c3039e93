using Npgsql;
using NpgsqlTypes;
using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>Typed parameters of the write statements (typed, so a statement may leave one unused).</summary>
internal static class PostgresParameters
{
    public static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value };

    public static NpgsqlParameter Bigint(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value };

    public static NpgsqlParameter Time(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = value is { } time ? StorageTime.Truncate(time).UtcDateTime : DBNull.Value };

    /// <summary>An array of <paramref name="type"/>: a .NET array or list of its values.</summary>
    public static NpgsqlParameter Array(NpgsqlDbType type, object values) => new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values };
}
