namespace OrderActors.Client.Contracts;

/// <summary><c>PATCH /api/orders/{id}/address</c>: the parts to change and why.</summary>
public sealed record AddressPatchRequest(string? Province, string? City, string? District, string? Detail, string? Reason);
