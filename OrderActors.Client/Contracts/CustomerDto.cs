namespace OrderActors.Client.Contracts;

/// <summary>The buyer; name and phone masked for roles without PII access.</summary>
public sealed record CustomerDto(string? Name, string? Phone);
