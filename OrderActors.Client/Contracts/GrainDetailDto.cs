namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/admin/grains/{type}/{key}</c>: the grain's current state and its latest events.</summary>
public sealed record GrainDetailDto(string GrainType, string GrainKey, bool Active, object? State, IReadOnlyList<GrainEventDto> LatestEvents);
