using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Subscriptions;

/// <summary>
/// Subscriptions, the delivery outbox and the dispatcher's change-feed cursor, all as documents. A delivery's key is
/// <c>{subscription}/{position}</c>, so writing it twice (after a restart) is a no-op; the pending list holds only what is left to do.
/// </summary>
public sealed class OutboxStore(IDocumentStore documents)
{
    public const string Subscriptions = "subscriptions";
    public const string Deliveries = "outbox-deliveries";
    public const string Pending = "outbox-pending";
    public const string State = "outbox-state";
    private const string CursorKey = "cursor";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SubscriptionRecord> CreateSubscriptionAsync(string url, IReadOnlyList<string> events, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The subscription starts at the dispatcher's cursor. After storing it, the cursor is rewritten at the same
        // position: a dispatcher that saw no subscriptions and skips ahead to the feed head (its compare-and-swap on the
        // cursor's version) then fails, and its next pass sees this subscription. If the cursor moved meanwhile, the
        // subscription is stored again with the new start.
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        long documentVersion = 0;
        while (true)
        {
            var (position, cursorVersion) = await GetCursorAsync(cancellationToken);
            var record = new SubscriptionRecord(id, url, events, secret, now, position);
            documentVersion = await documents.TryPutDocumentAsync(Subscriptions, id, Serialize(record), documentVersion, cancellationToken)
                ?? throw new InvalidOperationException($"Subscription {id} was changed while it was being created.");
            if (await TryAdvanceCursorAsync(position, cursorVersion, cancellationToken))
            {
                return record;
            }
        }
    }

    public async Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        var document = await documents.GetDocumentAsync(Subscriptions, id, cancellationToken);
        return document is null ? null : Deserialize<SubscriptionRecord>(document.Data);
    }

    public Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken) =>
        documents.DeleteDocumentAsync(Subscriptions, id, cancellationToken);

    public async Task<IReadOnlyList<SubscriptionRecord>> ListSubscriptionsAsync(CancellationToken cancellationToken) =>
        (await ListAllAsync(Subscriptions, null, cancellationToken)).Select(d => Deserialize<SubscriptionRecord>(d.Data)).ToList();

    public async Task<(long Position, long Version)> GetCursorAsync(CancellationToken cancellationToken)
    {
        var document = await documents.GetDocumentAsync(State, CursorKey, cancellationToken);
        return document is null ? (0, 0) : (long.Parse(document.Data, CultureInfo.InvariantCulture), document.Version);
    }

    /// <summary>Moves the cursor; false when another dispatcher moved it first.</summary>
    public async Task<bool> TryAdvanceCursorAsync(long position, long expectedVersion, CancellationToken cancellationToken) =>
        await documents.TryPutDocumentAsync(State, CursorKey, position.ToString(CultureInfo.InvariantCulture), expectedVersion, cancellationToken) is not null;

    /// <summary>Adds a delivery and its pending entry; a delivery that exists already is left alone.</summary>
    public async Task EnqueueAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        if (await documents.TryPutDocumentAsync(Deliveries, delivery.Id, Serialize(delivery), 0, cancellationToken) is not null)
        {
            await documents.TryPutDocumentAsync(Pending, delivery.Id, Serialize(new PendingDelivery(delivery.Id, delivery.NextAttemptAt!.Value)), 0, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken) =>
        (await ListAllAsync(Pending, null, cancellationToken)).Select(d => Deserialize<PendingDelivery>(d.Data)).ToList();

    public async Task<(DeliveryRecord Record, long Version)?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        var document = await documents.GetDocumentAsync(Deliveries, id, cancellationToken);
        return document is null ? null : (Deserialize<DeliveryRecord>(document.Data), document.Version);
    }

    /// <summary>Stores the outcome of an attempt and updates or clears the pending entry.</summary>
    public async Task<bool> RecordAttemptAsync(DeliveryRecord updated, long expectedVersion, CancellationToken cancellationToken)
    {
        if (await documents.TryPutDocumentAsync(Deliveries, updated.Id, Serialize(updated), expectedVersion, cancellationToken) is null)
        {
            return false;
        }

        var pending = await documents.GetDocumentAsync(Pending, updated.Id, cancellationToken);
        if (updated.Status == DeliveryStatus.Pending)
        {
            await documents.TryPutDocumentAsync(Pending, updated.Id, Serialize(new PendingDelivery(updated.Id, updated.NextAttemptAt!.Value)), pending?.Version ?? 0, cancellationToken);
        }
        else if (pending is not null)
        {
            await documents.DeleteDocumentAsync(Pending, updated.Id, cancellationToken);
        }

        return true;
    }

    /// <summary>Removes a delivery's work-list entry (its record stays).</summary>
    public Task DropPendingAsync(string deliveryId, CancellationToken cancellationToken) =>
        documents.DeleteDocumentAsync(Pending, deliveryId, cancellationToken);

    public async Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string subscriptionId, int maxCount, CancellationToken cancellationToken)
    {
        var prefix = subscriptionId + "/";
        var page = await documents.ListDocumentsAsync(Deliveries, prefix, maxCount, cancellationToken);
        return page.TakeWhile(d => d.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(d => Deserialize<DeliveryRecord>(d.Data)).ToList();
    }

    public static string DeliveryId(string subscriptionId, long position) =>
        $"{subscriptionId}/{position.ToString("D19", CultureInfo.InvariantCulture)}";

    /// <summary>The subscription a <see cref="DeliveryId"/> belongs to.</summary>
    public static string SubscriptionOf(string deliveryId) => deliveryId[..Math.Max(0, deliveryId.LastIndexOf('/'))];

    private async Task<List<StoredDocument>> ListAllAsync(string collection, string? after, CancellationToken cancellationToken)
    {
        var result = new List<StoredDocument>();
        while (true)
        {
            var page = await documents.ListDocumentsAsync(collection, after, 500, cancellationToken);
            result.AddRange(page);
            if (page.Count < 500)
            {
                return result;
            }

            after = page[^1].Key;
        }
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T Deserialize<T>(string data) => JsonSerializer.Deserialize<T>(data, Json)!;
}
