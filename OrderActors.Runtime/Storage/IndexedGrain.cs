namespace OrderActors.Runtime.Storage;

/// <summary>A grain found by an index query, with all of its index entries.</summary>
public sealed record IndexedGrain(string GrainKey, IReadOnlyDictionary<string, string> Entries);
