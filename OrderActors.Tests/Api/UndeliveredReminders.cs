using OrderActors.Runtime;
using OrderActors.Runtime.Reminders;

namespace OrderActors.Tests.Api;

/// <summary>
/// A reminder table that forwards to the real one but never hands out the due reminders named <paramref name="name"/>:
/// a silo that stops before it delivers them (what a kill right after their write leaves; the rows stay in the table).
/// </summary>
internal sealed class UndeliveredReminders(IReminderTable inner, string name) : IReminderTable
{
    public Task<string> UpsertReminderAsync(GrainId grainId, string name, DateTimeOffset dueAt, TimeSpan? period, CancellationToken cancellationToken) =>
        inner.UpsertReminderAsync(grainId, name, dueAt, period, cancellationToken);

    public Task<bool> RemoveReminderAsync(GrainId grainId, string name, string? eTag, CancellationToken cancellationToken) =>
        inner.RemoveReminderAsync(grainId, name, eTag, cancellationToken);

    public Task<string?> AdvanceReminderAsync(GrainId grainId, string name, string eTag, DateTimeOffset nextDueAt, CancellationToken cancellationToken) =>
        inner.AdvanceReminderAsync(grainId, name, eTag, nextDueAt, cancellationToken);

    public Task<ReminderEntry?> GetReminderAsync(GrainId grainId, string name, CancellationToken cancellationToken) =>
        inner.GetReminderAsync(grainId, name, cancellationToken);

    public async Task<IReadOnlyList<ReminderEntry>> GetDueRemindersAsync(DateTimeOffset dueBy, int maxCount, CancellationToken cancellationToken) =>
        [.. (await inner.GetDueRemindersAsync(dueBy, maxCount, cancellationToken)).Where(r => r.Name != name)];

    public Task<IReadOnlyList<ReminderEntry>> GetGrainRemindersAsync(GrainId grainId, CancellationToken cancellationToken) =>
        inner.GetGrainRemindersAsync(grainId, cancellationToken);

    public Task<long> CountDueRemindersAsync(DateTimeOffset dueBy, CancellationToken cancellationToken) =>
        inner.CountDueRemindersAsync(dueBy, cancellationToken);
}
