namespace OrderActors.Client.Contracts;

/// <summary>A shipping address in a request (for PATCH, omitted parts stay as they are).</summary>
public sealed record AddressInput(string? Province, string? City, string? District, string? Detail);
