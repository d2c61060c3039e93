using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains;
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
    public const string Health = "outbox-health";
    private const string CursorKey = "cursor";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores a new subscription under <paramref name="id"/> (random when null). A given id that is stored already was
    /// stored by an earlier attempt of the same request (an <c>Idempotency-Key</c> retried after a crash lost its answer):
    /// that subscription is the answer, if it has the same URL and events.
    /// </summary>
    public async Task<SubscriptionRecord> CreateSubscriptionAsync(
        string? id, string url, IReadOnlyList<string> events, string secret, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (id is not null && await GetSubscriptionAsync(id, cancellationToken) is { } stored)
        {
            return stored.Url == url && stored.Events.SequenceEqual(events, StringComparer.Ordinal)
                ? stored
                : throw DomainException.Validation("request.idempotency_key_reused", IdempotencyStore.HeaderName, "This Idempotency-Key was used for a different request.");
        }

        // The subscription starts at the dispatcher's cursor. After storing it, the cursor is rewritten at the same
        // position: a dispatcher that saw no subscriptions and skips ahead to the feed head (its compare-and-swap on the
        // cursor's version) then fails, and its next pass sees this subscription. If the cursor moved meanwhile, the
        // subscription is stored again with the new start. The rewrite keeps the start exact; no event is lost without
        // it (a crash just after the store): the dispatcher reads the head before its last look for subscriptions, so a
        // head it skips to holds only events stored before this subscription.
        id ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
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

    /// <summary>The id of the subscription an idempotent create with <paramref name="scopedKey"/> makes (16 hex characters, like a random one).</summary>
    public static string SubscriptionIdFor(string scopedKey) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(scopedKey)).AsSpan(0, 8));

    public async Task<SubscriptionRecord?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        var document = await documents.GetDocumentAsync(Subscriptions, id, cancellationToken);
        return document is null ? null : Deserialize<SubscriptionRecord>(document.Data);
    }

    public async Task<bool> DeleteSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await documents.DeleteDocumentAsync(Subscriptions, id, cancellationToken);
        await documents.DeleteDocumentAsync(Health, id, cancellationToken);
        return deleted;
    }

    /// <summary>
    /// Counts a delivery given up after its last failed attempt, on its subscription's health record, before the delivery
    /// itself is rewritten as failed: a stop between the two retries the delivery, and its give-up, recorded again with
    /// the same delivery id, is counted once.
    /// </summary>
    public async Task RecordGivenUpAsync(DeliveryRecord delivery, DeliveryAttemptView last, CancellationToken cancellationToken)
    {
        var answer = last.StatusCode is { } status ? $"HTTP {status.ToString(CultureInfo.InvariantCulture)}" : null;
        var failure = new SubscriptionFailureView(delivery.Id, delivery.EventType, last.At, string.Join(' ', new[] { answer, last.Error }.Where(t => !string.IsNullOrEmpty(t))));
        while (true)
        {
            var document = await documents.GetDocumentAsync(Health, delivery.SubscriptionId, cancellationToken);
            var health = document is not null && TryDeserialize<SubscriptionHealth>(document.Data, out var stored, out _) ? stored : new SubscriptionHealth(0, null);
            if (health.LastFailure?.DeliveryId == delivery.Id
                || await documents.TryPutDocumentAsync(Health, delivery.SubscriptionId, Serialize(new SubscriptionHealth(health.Failed + 1, failure)), document?.Version ?? 0, cancellationToken) is not null)
            {
                return;
            }
        }
    }

    /// <summary>Every subscription's health record, by subscription id (none for one that never gave a delivery up).</summary>
    public async Task<IReadOnlyDictionary<string, SubscriptionHealth>> ListHealthAsync(CancellationToken cancellationToken) =>
        (await ListAllAsync(Health, null, cancellationToken))
            .Select(d => (d.Key, Ok: TryDeserialize<SubscriptionHealth>(d.Data, out var health, out _), Health: health))
            .Where(h => h.Ok)
            .ToDictionary(h => h.Key, h => h.Health!, StringComparer.Ordinal);

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

    /// <summary>
    /// Adds a delivery and its work-list entry. The two are separate writes and the cursor moves only after both, so a
    /// stop between them leaves the record without its entry, and the feed is read again after the restart: a record
    /// that exists and is still pending then gets its entry (a no-op when it has one). Until then such a delivery was
    /// never sent, since the record's write was skipped as "exists" and the entry's with it.
    /// </summary>
    public async Task EnqueueAsync(DeliveryRecord delivery, CancellationToken cancellationToken)
    {
        var due = delivery.NextAttemptAt!.Value;
        if (await documents.TryPutDocumentAsync(Deliveries, delivery.Id, Serialize(delivery), 0, cancellationToken) is null)
        {
            if ((await GetDeliveryAsync(delivery.Id, cancellationToken))?.Record is not { Status: DeliveryStatus.Pending, NextAttemptAt: { } stored })
            {
                return;
            }

            due = stored;
        }

        await documents.TryPutDocumentAsync(Pending, delivery.Id, Serialize(new PendingDelivery(delivery.Id, due)), 0, cancellationToken);
    }

    /// <summary>
    /// The work list. An entry that cannot be read counts as due now under its key: the delivery record itself then
    /// says whether anything is left to send, and the attempt rewrites the entry.
    /// </summary>
    public async Task<IReadOnlyList<PendingDelivery>> ListPendingAsync(CancellationToken cancellationToken) =>
        (await ListAllAsync(Pending, null, cancellationToken))
            .Select(d => TryDeserialize<PendingDelivery>(d.Data, out var entry, out _) && entry.DeliveryId == d.Key ? entry : new PendingDelivery(d.Key, DateTimeOffset.MinValue))
            .ToList();

    /// <summary>A delivery record as stored; <see cref="LoadedDelivery.Record"/> is null when its text is not one.</summary>
    public async Task<LoadedDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken)
    {
        var document = await documents.GetDocumentAsync(Deliveries, id, cancellationToken);
        if (document is null)
        {
            return null;
        }

        return TryDeserialize<DeliveryRecord>(document.Data, out var record, out var error)
            ? new LoadedDelivery(record, null, document.Version)
            : new LoadedDelivery(null, Unreadable(id, document.Data, document.UpdatedAt, error), document.Version);
    }

    /// <summary>
    /// What an unreadable delivery record (damaged, or written by a build that stores it differently) is shown and
    /// kept as: failed, never sent, its stored text kept as the payload, one attempt saying why.
    /// </summary>
    public static DeliveryRecord Unreadable(string id, string storedText, DateTimeOffset at, string error)
    {
        var position = long.TryParse(id.AsSpan(id.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 0;
        return new DeliveryRecord(
            id, SubscriptionOf(id), position, "", storedText, DeliveryStatus.Failed,
            [new DeliveryAttemptView(at, null, $"delivery record unreadable: {error}")], null, null);
    }

    /// <summary>Stores the outcome of an attempt and updates or clears the pending entry.</summary>
    public async Task<bool> RecordAttemptAsync(DeliveryRecord updated, long expectedVersion, CancellationToken cancellationToken)
    {
        if (await documents.TryPutDocumentAsync(Deliveries, updated.Id, Serialize(updated), expectedVersion, cancellationToken) is null)
        {
            return false;
        }

        if (updated.Status == DeliveryStatus.Pending)
        {
            await RestorePendingAsync(updated, cancellationToken);
        }
        else
        {
            await DropPendingAsync(updated.Id, cancellationToken);
        }

        return true;
    }

    /// <summary>Writes a pending delivery's work-list entry with the record's next attempt time.</summary>
    public async Task RestorePendingAsync(DeliveryRecord pending, CancellationToken cancellationToken)
    {
        var entry = await documents.GetDocumentAsync(Pending, pending.Id, cancellationToken);
        await documents.TryPutDocumentAsync(Pending, pending.Id, Serialize(new PendingDelivery(pending.Id, pending.NextAttemptAt!.Value)), entry?.Version ?? 0, cancellationToken);
    }

    /// <summary>Removes a delivery's work-list entry (its record stays).</summary>
    public Task DropPendingAsync(string deliveryId, CancellationToken cancellationToken) =>
        documents.DeleteDocumentAsync(Pending, deliveryId, cancellationToken);

    public async Task<IReadOnlyList<DeliveryRecord>> ListDeliveriesAsync(string subscriptionId, int maxCount, CancellationToken cancellationToken)
    {
        var prefix = subscriptionId + "/";
        var page = await documents.ListDocumentsAsync(Deliveries, prefix, maxCount, cancellationToken);
        return page.TakeWhile(d => d.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(d => TryDeserialize<DeliveryRecord>(d.Data, out var record, out var error) ? record : Unreadable(d.Key, d.Data, d.UpdatedAt, error))
            .ToList();
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

    /// <summary>False (with the reason) for text that is not JSON of <typeparamref name="T"/> or lacks a field it needs.</summary>
    private static bool TryDeserialize<T>(string data, [NotNullWhen(true)] out T? value, out string error)
        where T : class
    {
        try
        {
            value = JsonSerializer.Deserialize<T>(data, Json);
        }
        catch (JsonException exception)
        {
            (value, error) = (null, exception.Message);
            return false;
        }

        var problem = value is null ? "the stored text is null" : Incomplete(value);
        if (problem is null)
        {
            error = "";
            return value is not null;
        }

        (value, error) = (null, problem);
        return false;
    }

    private static string? Incomplete(object value) => value switch
    {
        DeliveryRecord d when d.Id is null || d.SubscriptionId is null || d.EventType is null || d.Payload is null || d.Status is null || d.Attempts is null =>
            "a required field is missing",
        DeliveryRecord { Status: DeliveryStatus.Pending, NextAttemptAt: null } => "pending without a next attempt time",
        PendingDelivery { DeliveryId: null } => "a required field is missing",
        _ => null,
    };
}
