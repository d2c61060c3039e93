namespace OrderActors.Runtime.Storage.Sql;

/// <summary>A grain_index row as Dapper reads it.</summary>
internal sealed class IndexRow
{
    public required string GrainKey { get; init; }

    public required string Name { get; init; }

    public required string Value { get; init; }
}
