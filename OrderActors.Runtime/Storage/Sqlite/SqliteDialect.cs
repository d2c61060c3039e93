using OrderActors.Runtime.Storage.Sql;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>SQLite keeps times as unix microseconds and expands list parameters (Dapper) into <c>IN (...)</c>.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override string UnixMicroseconds(string column) => column;

    public override object TimeValue(DateTimeOffset value) => StorageTime.ToUnixMicroseconds(value);

    public override string InList(string column, string parameter) => $"{column} IN {parameter}";
}
