namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/orders/{id}/approve</c>: the approving role (one the caller holds; default: the next role the order needs).</summary>
public sealed record ApproveRequest(string? Role = null, string? Comment = null);
