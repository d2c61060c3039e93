namespace OrderActors.Client.Contracts;

/// <summary>An open hold (exception) by code.</summary>
public sealed record HoldDto(string Code, string Detail, DateTimeOffset OpenedAt);
