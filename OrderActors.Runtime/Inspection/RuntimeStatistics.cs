using OrderActors.Runtime.Reminders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Runtime.Inspection;

/// <summary>A silo's figures at one moment.</summary>
/// <param name="SiloId">This silo's id (machine, process, random suffix).</param>
/// <param name="StartedAt">When the silo started (runtime clock).</param>
/// <param name="Uptime">Time since start.</param>
/// <param name="StorageProvider">Storage provider name.</param>
/// <param name="Storage">Storage counters: commits, batch size, latency.</param>
/// <param name="Activations">Number of activations.</param>
/// <param name="ActivationsByType">Activations per grain type.</param>
/// <param name="MailboxBacklog">Calls waiting in all mailboxes (including running ones).</param>
/// <param name="TopQueues">The longest mailboxes (at most 10).</param>
/// <param name="CallsPerSecond">Calls completed per second, recently.</param>
/// <param name="CallsTotal">Calls completed since start.</param>
/// <param name="CallsFailed">Calls that ended with an exception since start.</param>
/// <param name="ReminderBacklog">Reminders due now and not yet delivered.</param>
/// <param name="Reminders">Reminder lag and delivery counters.</param>
public sealed record RuntimeStatistics(
    string SiloId,
    DateTimeOffset StartedAt,
    TimeSpan Uptime,
    string StorageProvider,
    StorageStatistics Storage,
    int Activations,
    IReadOnlyDictionary<string, int> ActivationsByType,
    long MailboxBacklog,
    IReadOnlyList<ActivationInfo> TopQueues,
    double CallsPerSecond,
    long CallsTotal,
    long CallsFailed,
    long ReminderBacklog,
    ReminderLagStatistics Reminders);
