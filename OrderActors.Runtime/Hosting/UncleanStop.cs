namespace OrderActors.Runtime.Hosting;

/// <summary>
/// A stop of the silo that was not clean (a kill, a crash, the machine lost): work in flight then may have been cut off
/// between two grains' appends. <paramref name="From"/> to <paramref name="To"/> is when that work can have started: from
/// one call timeout (and a margin) before the last heartbeat to one heartbeat interval (and a margin) after it, never
/// after the start that found it.
/// </summary>
/// <param name="SiloId">The silo that stopped.</param>
/// <param name="LastHeartbeatAt">The last time that silo wrote that it was alive.</param>
/// <param name="From">The earliest start of work that may have been cut off.</param>
/// <param name="To">The latest.</param>
public sealed record UncleanStop(string SiloId, DateTimeOffset LastHeartbeatAt, DateTimeOffset From, DateTimeOffset To);
