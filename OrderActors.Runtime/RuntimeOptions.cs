namespace OrderActors.Runtime;

/// <summary>Runtime configuration, bound from <c>OrderActors:Runtime</c>; code defaults below.</summary>
public sealed class RuntimeOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "OrderActors:Runtime";

    /// <summary>A call that has not completed after this fails with <see cref="GrainCallTimeoutException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Activations idle longer than this are deactivated, unless their grain class has a
    /// <see cref="CollectionAgeLimitAttribute"/> or an entry in <see cref="CollectionAgeByType"/>.
    /// </summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Collection age per grain type name (e.g. <c>OrderActors:Runtime:CollectionAgeByType:order = 00:02:00</c>); overrides
    /// the class's <see cref="CollectionAgeLimitAttribute"/> and <see cref="CollectionAge"/>.
    /// </summary>
    public Dictionary<string, TimeSpan> CollectionAgeByType { get; } = new(StringComparer.Ordinal);

    /// <summary>How often idle activations are looked for (one pass over the activations, no allocation per activation).</summary>
    public TimeSpan CollectionInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A snapshot is written with the append every this many events; for a state whose snapshot exceeds 64 KiB of JSON
    /// it is deferred until the events since the last one are as large as that snapshot.
    /// </summary>
    public int SnapshotInterval { get; set; } = 64;

    /// <summary>How often the reminder service polls storage for due reminders.</summary>
    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Each poll also reads the reminders due within this much time after it and delivers each at its due time, instead
    /// of at the first poll after it (which made a tick up to one poll interval late). Every tick is read ahead in time when
    /// this is at least <see cref="ReminderPollInterval"/>; <see cref="TimeSpan.Zero"/> turns it off.
    /// </summary>
    public TimeSpan ReminderLookahead { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Most reminder ticks delivered concurrently.</summary>
    public int MaxConcurrentReminderDeliveries { get; set; } = 256;

    /// <summary>A failed reminder tick is retried after this delay (at-least-once delivery).</summary>
    public TimeSpan ReminderRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the silo writes that it is alive (one small document). After a kill, the last heartbeat dates the stop,
    /// and the work that may have been cut off is looked for around it only.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Calls one activation runs before yielding its thread to others (fairness cap per dispatch).</summary>
    public int MailboxThroughput { get; set; } = 64;
}
