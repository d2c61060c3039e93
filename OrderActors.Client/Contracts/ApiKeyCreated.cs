namespace OrderActors.Client.Contracts;

/// <summary>The answer to <c>POST /api/keys</c>: the only time the plain <see cref="Key"/> is shown.</summary>
public sealed record ApiKeyCreated(string Id, string Name, IReadOnlyList<string> Roles, string Key, DateTimeOffset CreatedAt);
