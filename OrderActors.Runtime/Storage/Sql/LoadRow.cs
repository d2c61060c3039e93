namespace OrderActors.Runtime.Storage.Sql;

/// <summary>One row of the activation load: the snapshot (<see cref="Kind"/> 0) or an event after it (1).</summary>
internal sealed class LoadRow
{
    public long Kind { get; init; }

    public long Position { get; init; }

    public long Version { get; init; }

    public required string EventType { get; init; }

    public required string Data { get; init; }

    public required string Actor { get; init; }

    public long TsMicros { get; init; }
}
