namespace OrderActors.Client.Contracts;

/// <summary>An API key as listed (never the key itself).</summary>
public sealed record ApiKeyView(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt);
