namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/orders/{id}/ship</c>.</summary>
public sealed record ShipRequest(string? Carrier, string? WaybillNo);
