namespace OrderActors.Runtime.Storage.Sql;

/// <summary>An events row as Dapper reads it.</summary>
internal sealed class EventRow
{
    public long Position { get; init; }

    public required string GrainType { get; init; }

    public required string GrainKey { get; init; }

    public long Version { get; init; }

    public required string EventType { get; init; }

    public required string Data { get; init; }

    public required string Actor { get; init; }

    public long TsMicros { get; init; }

    public StoredEvent ToStoredEvent() =>
        new(new GrainId(GrainType, GrainKey), Version, EventType, Data, Actor, StorageTime.FromUnixMicroseconds(TsMicros), Position);
}
