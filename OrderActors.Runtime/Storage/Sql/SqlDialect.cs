namespace OrderActors.Runtime.Storage.Sql;

/// <summary>What differs between the SQL providers in the read queries of <see cref="SqlStorageReads"/>.</summary>
internal abstract class SqlDialect
{
    /// <summary>An expression reading a stored time column as unix microseconds (bigint).</summary>
    public abstract string UnixMicroseconds(string column);

    /// <summary>The parameter value for comparing with a stored time column.</summary>
    public abstract object TimeValue(DateTimeOffset value);

    /// <summary>A condition "<paramref name="column"/> is one of the list parameter <paramref name="parameter"/>" (Dapper).</summary>
    public abstract string InList(string column, string parameter);
}
