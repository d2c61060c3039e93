using Microsoft.Data.Sqlite;

namespace OrderActors.Runtime.Storage.Sqlite;

/// <summary>What the index store does at start, before its writer thread runs: move, check, catch up.</summary>
internal sealed partial class SqliteIndexStore
{
    private const string RestoreOrRebuild =
        "files from the same backup, or start it once with OrderActors:Storage:RebuildIndex=true to write the index again from the journals.";

    /// <summary>
    /// Before the writer thread starts, on the main writer's connection: moves an index the main file still has (a
    /// database from before the index had a file of its own) into this one, then writes every logged change after
    /// <see cref="AppliedThrough"/> (a crash came before they were written here).
    /// </summary>
    public void CatchUp(SqliteConnection main)
    {
        ArgumentNullException.ThrowIfNull(main);
        MoveOutOf(main);
        if (_rebuild)
        {
            Empty(main);
            return;
        }

        CheckFromTheSameDatabase(main);
        var latest = new Dictionary<(string Type, string Key), string>();
        var upTo = _applied;
        using (var read = main.CreateCommand())
        {
            read.CommandText = "SELECT seq, grain_type, grain_key, entries FROM index_log WHERE seq > $s ORDER BY seq";
            read.Parameters.AddWithValue("$s", _applied);
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                upTo = reader.GetInt64(0);
                latest[(reader.GetString(1), reader.GetString(2))] = reader.GetString(3);
            }
        }

        if (upTo > _applied)
        {
            Write(latest, upTo);
        }
    }

    /// <summary>
    /// For a rebuild: no entries, and every change the log has counted as written (the rebuild writes each grain's
    /// current entries, which supersede them).
    /// </summary>
    private void Empty(SqliteConnection main)
    {
        var (trimmed, last) = LogBounds(main);
        var through = Math.Max(trimmed, last);
        using (var transaction = _connection.BeginTransaction(deferred: false))
        {
            using var empty = _connection.CreateCommand();
            empty.Transaction = transaction;
            empty.CommandText = "DELETE FROM grain_index";
            empty.ExecuteNonQuery();
            _setApplied.Bind(0, through).Execute();
            transaction.Commit();
        }

        _applied = through;
    }

    /// <summary>
    /// Refuses to start on an index file that the log cannot bring up to date (deleted, or restored from an older backup
    /// than the main file: it lacks changes the log no longer has), or that is ahead of the main file (the main file
    /// restored from an older backup): either would answer lists wrongly without a word.
    /// </summary>
    private void CheckFromTheSameDatabase(SqliteConnection main)
    {
        var (trimmed, last) = LogBounds(main);
        var index = _connection.DataSource;
        if (_applied < trimmed)
        {
            throw new InvalidOperationException(
                $"The query index file {index} is behind its database {main.DataSource}: it has the index changes up to {_applied}, and the database " +
                $"keeps them only after {trimmed}. It was deleted or restored from an older backup than the database. Stop the silo and restore both " +
                RestoreOrRebuild);
        }

        if (_applied > Math.Max(trimmed, last))
        {
            throw new InvalidOperationException(
                $"The query index file {index} is ahead of its database {main.DataSource}: it has the index changes up to {_applied}, and the database's " +
                $"last is {Math.Max(trimmed, last)}. The database was restored from an older backup than its index file. Stop the silo and restore both " +
                RestoreOrRebuild);
        }
    }

    /// <summary>How far the main file deleted its log, and its last logged change (0 when none).</summary>
    private static (long Trimmed, long Last) LogBounds(SqliteConnection main)
    {
        using var read = main.CreateCommand();
        read.CommandText = "SELECT (SELECT trimmed_through FROM index_log_state WHERE id = 1), (SELECT COALESCE(MAX(seq), 0) FROM index_log)";
        using var reader = read.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>An index the main file still has is copied here and dropped there (repeated whole after a crash between the two).</summary>
    private void MoveOutOf(SqliteConnection main)
    {
        using var check = main.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'grain_index'";
        if ((long)check.ExecuteScalar()! == 0)
        {
            return;
        }

        using (var copy = _connection.CreateCommand())
        {
            copy.CommandText = "ATTACH DATABASE $main AS main_file";
            copy.Parameters.AddWithValue("$main", main.DataSource);
            copy.ExecuteNonQuery();
            copy.Parameters.Clear();
            copy.CommandText = """
                BEGIN IMMEDIATE;
                INSERT OR REPLACE INTO grain_index (grain_type, grain_key, name, value) SELECT grain_type, grain_key, name, value FROM main_file.grain_index;
                COMMIT;
                DETACH DATABASE main_file;
                """;
            copy.ExecuteNonQuery();
        }

        using var drop = main.CreateCommand();
        drop.CommandText = "DROP TABLE grain_index";
        drop.ExecuteNonQuery();
    }
}
