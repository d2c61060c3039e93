namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/admin/cluster</c>: this silo's runtime figures.</summary>
public sealed record ClusterStatusDto(
    string SiloId,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    string StorageProvider,
    StorageStatsDto Storage,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    long MailboxBacklog,
    IReadOnlyList<ActivationDto> TopQueues,
    double CallsPerSecond,
    long CallsTotal,
    long CallsFailed,
    ReminderStatsDto Reminders);
