using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Api.Orders;
using OrderActors.Api.Webhooks;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Housekeeping;

/// <summary>
/// Removes webhook delivery records and <c>Idempotency-Key</c> records past their age (<see cref="RetentionOptions"/>):
/// one is written per marketplace delivery and per keyed POST, and nothing else ever removed them, so they grew with
/// every order for ever. Each pass deletes the records last written before the cutoff in the database itself, in
/// batches, reading none of them back: its cost is the old records, not the week of young ones. A record rewritten
/// meanwhile is young again and stays.
/// </summary>
public sealed partial class DocumentRetention(IDocumentStore documents, TimeProvider time, IOptions<RetentionOptions> options, ILogger<DocumentRetention> logger)
    : PeriodicPassService(time)
{
    private const int BatchSize = 500;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>One pass over both collections; how many records it removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = Time.GetUtcNow();
        var removed = await SweepAsync(WebhookEndpoints.DeliveriesCollection, settings.WebhookDeliveries, now, cancellationToken)
            + await SweepAsync(IdempotencyStore.Collection, settings.IdempotencyKeys, now, cancellationToken);
        if (removed > 0)
        {
            LogRemoved(logger, removed);
        }

        return removed;
    }

    private async Task<int> SweepAsync(string collection, TimeSpan age, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (age == TimeSpan.Zero)
        {
            return 0;
        }

        // In batches, each one atomic write through the group commit: a week of deliveries removed at once would hold
        // the writer (and every grain's append behind it) for as long as the delete took.
        var cutoff = now - age;
        var removed = 0;
        while (true)
        {
            var batch = await documents.DeleteDocumentsWrittenBeforeAsync(collection, cutoff, BatchSize, cancellationToken);
            removed += batch;
            if (batch < BatchSize)
            {
                return removed;
            }
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "Retention pass failed; retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Retention removed {Count} webhook delivery and idempotency record(s) past their age")]
    private static partial void LogRemoved(ILogger logger, int count);
}
