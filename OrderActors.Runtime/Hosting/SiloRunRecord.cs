namespace OrderActors.Runtime.Hosting;

/// <summary>
/// The stored run marker (document <c>silo-run/current</c>): whether a silo is running, its last heartbeat, and the
/// unclean stops whose repair has not finished yet.
/// </summary>
internal sealed record SiloRunRecord(string SiloId, bool Running, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, IReadOnlyList<UncleanStop> Pending);
