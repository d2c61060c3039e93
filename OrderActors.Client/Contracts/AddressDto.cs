namespace OrderActors.Client.Contracts;

/// <summary>A shipping address; detail masked for roles without PII access.</summary>
public sealed record AddressDto(string Province, string City, string District, string? Detail);
