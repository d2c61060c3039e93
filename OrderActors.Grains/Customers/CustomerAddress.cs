namespace OrderActors.Grains.Customers;

/// <summary>A delivery address as the order carries it.</summary>
public sealed record CustomerAddress(string Province, string City, string District, string Detail);
