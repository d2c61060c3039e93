using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>
/// One prepared statement of the writer, on the writer connection's handle, with its parameters bound by position.
/// Microsoft.Data.Sqlite looks every parameter up by name (a UTF-8 conversion and a search per parameter per
/// execution) and builds a data reader for each scalar: at ~12 writes per order that was most of the writer thread's
/// CPU. Each execution runs the statement to completion and resets it, so a <c>COMMIT</c> never finds it in progress.
/// Errors surface as <see cref="SqliteException"/>, as from Microsoft.Data.Sqlite.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly int[] _indexes;

    /// <param name="db">The open connection's handle.</param>
    /// <param name="sql">One statement.</param>
    /// <param name="parameters">The statement's parameter names (with their prefix); <see cref="Bind(int, string?)"/> takes positions in this list.</param>
    public SqliteStatement(sqlite3 db, string sql, params string[] parameters)
    {
        _db = db;
        Check(raw.sqlite3_prepare_v2(db, sql, out _stmt));
        _indexes = new int[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            _indexes[i] = raw.sqlite3_bind_parameter_index(_stmt, parameters[i]);
            if (_indexes[i] == 0)
            {
                _stmt.Dispose();
                throw new ArgumentException($"The statement has no parameter {parameters[i]}: {sql}", nameof(parameters));
            }
        }
    }

    public SqliteStatement Bind(int position, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_stmt, _indexes[position]) : raw.sqlite3_bind_text(_stmt, _indexes[position], value));
        return this;
    }

    public SqliteStatement Bind(int position, long value)
    {
        Check(raw.sqlite3_bind_int64(_stmt, _indexes[position], value));
        return this;
    }

    public SqliteStatement Bind(int position, long? value) =>
        value is { } v ? Bind(position, v) : BindNull(position);

    /// <summary>Runs the statement to completion; the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            Step(out _);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>Runs the statement to completion; the first column of its first row, null when it returned none (or NULL).</summary>
    public long? ExecuteScalar()
    {
        try
        {
            Step(out var first);
            return first;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>
    /// Runs the statement, handing each row to <paramref name="onRow"/> (valid only during that call), then resets it.
    /// </summary>
    public void Query<TState>(TState state, Action<Row, TState> onRow)
    {
        ArgumentNullException.ThrowIfNull(onRow);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW)
            {
                onRow(new Row(_stmt), state);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    public void Dispose() => _stmt.Dispose();

    /// <summary>The current row of a <see cref="Query{TState}"/>, its columns by position.</summary>
    internal readonly struct Row(sqlite3_stmt stmt)
    {
        public long GetInt64(int column) => raw.sqlite3_column_int64(stmt, column);

        /// <summary>The column as text; an empty string for NULL.</summary>
        public string GetString(int column) => raw.sqlite3_column_text(stmt, column).utf8_to_string() ?? string.Empty;
    }

    private SqliteStatement BindNull(int position)
    {
        Check(raw.sqlite3_bind_null(_stmt, _indexes[position]));
        return this;
    }

    private void Step(out long? first)
    {
        first = null;
        var rows = 0;
        int rc;
        while ((rc = raw.sqlite3_step(_stmt)) == raw.SQLITE_ROW)
        {
            if (rows++ == 0 && raw.sqlite3_column_type(_stmt, 0) != raw.SQLITE_NULL)
            {
                first = raw.sqlite3_column_int64(_stmt, 0);
            }
        }

        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
