namespace OrderActors.Client.Contracts;

/// <summary>The buyer in a create-order request.</summary>
public sealed record CustomerInput(string? Name, string? Phone);
