namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/keys</c>: a named key with one or more roles.</summary>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Roles);
