namespace OrderActors.Runtime.Storage;

/// <summary>A stored document: JSON data and its version (1 after the first write).</summary>
public sealed record StoredDocument(string Collection, string Key, string Data, long Version, DateTimeOffset UpdatedAt);
