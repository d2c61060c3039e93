using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Api.Orders;
using OrderActors.Api.Webhooks;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Housekeeping;

/// <summary>
/// Removes webhook delivery records and <c>Idempotency-Key</c> records past their age (<see cref="RetentionOptions"/>):
/// one is written per marketplace delivery and per keyed POST, and nothing else ever removed them, so they grew with
/// every order for ever. Each pass pages through the two collections by key; a record is removed only if it is still
/// the same version, past its age, when read again just before.
/// </summary>
public sealed partial class DocumentRetention(IDocumentStore documents, TimeProvider time, IOptions<RetentionOptions> options, ILogger<DocumentRetention> logger)
    : PeriodicPassService(time)
{
    private const int PageSize = 500;

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

        var cutoff = now - age;
        var removed = 0;
        string? after = null;
        while (true)
        {
            var page = await documents.ListDocumentsAsync(collection, after, PageSize, cancellationToken);
            foreach (var listed in page)
            {
                if (listed.UpdatedAt < cutoff
                    && await documents.GetDocumentAsync(collection, listed.Key, cancellationToken) is { } current
                    && current.Version == listed.Version && current.UpdatedAt < cutoff
                    && await documents.DeleteDocumentAsync(collection, listed.Key, cancellationToken))
                {
                    removed++;
                }
            }

            if (page.Count < PageSize)
            {
                return removed;
            }

            after = page[^1].Key;
        }
    }

    [LoggerMessage(EventId = 5300, Level = LogLevel.Warning, Message = "Retention pass failed; retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "Retention removed {Count} webhook delivery and idempotency record(s) past their age")]
    private static partial void LogRemoved(ILogger logger, int count);
}
