namespace OrderActors.Api.Auth;

/// <summary>An API key as stored: the SHA-256 of the key, never the key.</summary>
public sealed record ApiKeyRecord(string Id, string Name, IReadOnlyList<string> Roles, string Hash, DateTimeOffset CreatedAt);
