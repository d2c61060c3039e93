using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Postgres;

/// <summary>PostgreSQL keeps times as <c>timestamptz</c> and takes list parameters as arrays.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    // extract() returns numeric (exact) since PostgreSQL 14.
    public override string UnixMicroseconds(string column) => $"(extract(epoch from {column}) * 1000000)::bigint";

    public override object TimeValue(DateTimeOffset value) => StorageTime.Truncate(value);

    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";
}
