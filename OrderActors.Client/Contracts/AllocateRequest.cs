namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/orders/{id}/allocate</c>: a warehouse, or none to let the allocation rules choose.</summary>
public sealed record AllocateRequest(string? Warehouse = null);
