using OrderActors.Runtime.Reminders;

namespace OrderActors.Runtime.Storage.Sql;

/// <summary>A reminders row as Dapper reads it.</summary>
internal sealed class ReminderRow
{
    public required string GrainType { get; init; }

    public required string GrainKey { get; init; }

    public required string Name { get; init; }

    public long DueMicros { get; init; }

    public long? PeriodUs { get; init; }

    public required string ETag { get; init; }

    public ReminderEntry ToEntry() =>
        new(new GrainId(GrainType, GrainKey), Name, StorageTime.FromUnixMicroseconds(DueMicros), StorageTime.FromMicroseconds(PeriodUs), ETag);
}
