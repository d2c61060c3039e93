using Microsoft.Data.Sqlite;
using OrderActors.Runtime.Storage.Sqlite;

namespace OrderActors.Tests.Storage;

public sealed class SqliteStatementTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public SqliteStatementTests()
    {
        _connection.Open();
        using var create = _connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, note TEXT)";
        create.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Execute_InsertsThenUpdates_ReturnsRowsChangedEachTime()
    {
        using var insert = new SqliteStatement(_connection.Handle!, "INSERT INTO t (name, note) VALUES ($n, $note) ON CONFLICT DO NOTHING", "$n", "$note");
        using var update = new SqliteStatement(_connection.Handle!, "UPDATE t SET note = $note WHERE name = $n", "$n", "$note");

        var first = insert.Bind(0, "a").Bind(1, "x").Execute();
        var repeated = insert.Bind(0, "a").Bind(1, "y").Execute();
        var updated = update.Bind(0, "a").Bind(1, (string?)null).Execute();
        var missed = update.Bind(0, "b").Bind(1, "z").Execute();

        Assert.Equal((1, 0, 1, 0), (first, repeated, updated, missed));
        using var read = _connection.CreateCommand();
        read.CommandText = "SELECT COUNT(*) FROM t WHERE name = 'a' AND note IS NULL";
        Assert.Equal(1L, read.ExecuteScalar());
    }

    [Fact]
    public void ExecuteScalar_ReturningOrNoRowOrNull_ReadsFirstColumn()
    {
        using var insert = new SqliteStatement(_connection.Handle!, "INSERT INTO t (name) VALUES ($n) RETURNING id", "$n");
        using var find = new SqliteStatement(_connection.Handle!, "SELECT id FROM t WHERE name = $n", "$n");
        using var nothing = new SqliteStatement(_connection.Handle!, "SELECT NULL WHERE $v = 1", "$v");

        var id = insert.Bind(0, "a").ExecuteScalar();
        var found = find.Bind(0, "a").ExecuteScalar();
        var missing = find.Bind(0, "zz").ExecuteScalar();
        var isNull = nothing.Bind(0, 1L).ExecuteScalar();

        Assert.Equal((1L, 1L), (id, found));
        Assert.Null(missing);
        Assert.Null(isNull);
    }

    [Fact]
    public void Execute_ConstraintViolated_ThrowsSqliteExceptionAndStaysUsable()
    {
        using var insert = new SqliteStatement(_connection.Handle!, "INSERT INTO t (name) VALUES ($n)", "$n");
        insert.Bind(0, "a").Execute();

        var error = Assert.Throws<SqliteException>(() => insert.Bind(0, "a").Execute());
        var next = insert.Bind(0, "b").Execute();

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1, next);
    }

    [Fact]
    public void Constructor_UnknownParameterName_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteStatement(_connection.Handle!, "SELECT $a", "$b"));

        Assert.Contains("$b", error.Message, StringComparison.Ordinal);
    }
}
