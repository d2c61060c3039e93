namespace OrderActors.Runtime.Storage;

/// <summary>How an <see cref="IndexFilter"/> compares (ordinal text comparison).</summary>
public enum IndexOperator
{
    /// <summary>value = filter value</summary>
    Equal,

    /// <summary>value &gt;= filter value</summary>
    GreaterOrEqual,

    /// <summary>value &lt; filter value</summary>
    Less,
}
