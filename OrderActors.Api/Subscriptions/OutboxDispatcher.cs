using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Api.Events;
using OrderActors.Api.Webhooks;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Subscriptions;

/// <summary>
/// Reads the change feed from a durable cursor, writes one outbox delivery per matching subscription (before the cursor
/// moves, so nothing is skipped after a crash), and POSTs due deliveries signed with the subscription's secret, retrying
/// failures with exponential backoff on <see cref="TimeProvider"/>. Delivery is at least once.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    IGrainStorage storage,
    IHttpClientFactory httpClients,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher> logger) : PeriodicPassService(time)
{
    public const string HttpClientName = "orderactors-outbound";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The running sender of each subscription (see <see cref="DeliverDueAsync"/>); locked.</summary>
    private readonly Dictionary<string, Task> _senders = new(StringComparer.Ordinal);

    /// <summary>
    /// How many subscriptions' senders run now. A pass skips a subscription whose sender is still running (it has just
    /// recorded its last attempt and is about to stop), so a test that wants the next pass to send waits for 0 first.
    /// </summary>
    internal int SendersRunning
    {
        get
        {
            lock (_senders)
            {
                return _senders.Count;
            }
        }
    }

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    protected override void PassFailed(Exception exception) => LogPassFailed(logger, exception);

    /// <summary>One pass: enqueue new feed events, then attempt every due delivery.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await EnqueueNewEventsAsync(cancellationToken);
        await DeliverDueAsync(cancellationToken);
    }

    private async Task EnqueueNewEventsAsync(CancellationToken cancellationToken)
    {
        var batch = options.Value.FeedBatchSize;
        while (true)
        {
            var (position, version) = await store.GetCursorAsync(cancellationToken);
            if ((await store.ListSubscriptionsAsync(cancellationToken)).Count == 0)
            {
                // Nobody to deliver to: skip to the head without reading the events (reading every event back cost the
                // silo ~15% of its CPU under a webhook storm). The head is read first and the subscriptions listed again
                // after it: a subscription that second listing does not see is stored after every event up to the head,
                // so none of them is owed to it, whether or not its creation got as far as rewriting the cursor (which
                // also makes this compare-and-swap fail). Reading the head after the one listing skipped the events of
                // a subscription stored in between whose cursor rewrite a crash had cut off.
                var head = await storage.GetFeedHeadAsync(cancellationToken);
                if (head <= position)
                {
                    return;
                }

                if ((await store.ListSubscriptionsAsync(cancellationToken)).Count > 0)
                {
                    // One was stored meanwhile: read the events for it.
                    continue;
                }

                await store.TryAdvanceCursorAsync(head, version, cancellationToken);
                return;
            }

            var events = await storage.ReadFeedAsync(position, batch, cancellationToken);
            if (events.Count == 0)
            {
                return;
            }

            // Subscriptions are read after the events, so one created meanwhile still gets every event after its start position.
            var subscriptions = await store.ListSubscriptionsAsync(cancellationToken);
            var now = Time.GetUtcNow();
            foreach (var stored in events)
            {
                foreach (var subscription in subscriptions.Where(s => stored.Position > s.StartPosition && s.Matches(stored.EventType)))
                {
                    var id = OutboxStore.DeliveryId(subscription.Id, stored.Position);
                    var payload = JsonSerializer.Serialize(FeedEvents.ToView(stored), Json);
                    await store.EnqueueAsync(new DeliveryRecord(id, subscription.Id, stored.Position, stored.EventType, payload, DeliveryStatus.Pending, [], now, null), cancellationToken);
                }
            }

            if (!await store.TryAdvanceCursorAsync(events[^1].Position, version, cancellationToken) || events.Count < batch)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Starts a sender for each subscription with due deliveries that has none running (up to
    /// <see cref="OutboxOptions.MaxParallelSubscriptions"/> at once) and does not wait for them: a slow or unreachable
    /// endpoint holds up only its own deliveries, never the pass, the feed or another subscriber. A sender sends its
    /// subscription's due deliveries in turn; once the endpoint has not answered at all (timeout, refused connection)
    /// the rest wait for a later pass, so a dead endpoint costs one timeout at a time, not one per delivery. An endpoint
    /// that answers, even with an error, gets every due delivery.
    /// </summary>
    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var due = (await store.ListPendingAsync(cancellationToken)).Where(p => p.NextAttemptAt <= now).OrderBy(p => p.NextAttemptAt);
        foreach (var deliveries in due.GroupBy(p => OutboxStore.SubscriptionOf(p.DeliveryId), StringComparer.Ordinal))
        {
            lock (_senders)
            {
                if (_senders.Count >= Math.Max(1, options.Value.MaxParallelSubscriptions))
                {
                    return;
                }

                if (_senders.ContainsKey(deliveries.Key))
                {
                    continue;
                }

                // Registered before it starts, so its own removal (in its finally) always comes after.
                var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _senders[deliveries.Key] = started.Task;
                _ = SendAllAsync(deliveries.Key, deliveries.ToList(), now, started, cancellationToken);
            }
        }
    }

    private async Task SendAllAsync(string subscriptionId, List<PendingDelivery> deliveries, DateTimeOffset now, TaskCompletionSource done, CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            foreach (var pending in deliveries)
            {
                if (await AttemptAsync(pending, now, cancellationToken) == AttemptOutcome.Unreachable)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: what was not recorded is attempted again after the restart (at least once).
        }
#pragma warning disable CA1031 // one subscription's failure (storage briefly down, a bad record) must not stop the others; a later pass retries
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogSenderFailed(logger, exception, subscriptionId);
        }
        finally
        {
            lock (_senders)
            {
                _senders.Remove(subscriptionId);
            }

            done.TrySetResult();
        }
    }

    /// <summary>Stops the passes, then waits for the senders (they see the same cancellation).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Task[] running;
        lock (_senders)
        {
            running = [.. _senders.Values];
        }

        await Task.WhenAll(running).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private enum AttemptOutcome
    {
        Recorded,
        Unreachable,
    }

    private async Task<AttemptOutcome> AttemptAsync(PendingDelivery pending, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.GetDeliveryAsync(pending.DeliveryId, cancellationToken) is not { } loaded)
        {
            return AttemptOutcome.Recorded;
        }

        if (loaded is { Record: null, Unreadable: { } unreadable })
        {
            // Sending it cannot be right and retrying cannot help: it is given up, once, so the subscription's later
            // deliveries go on (it failed its sender on every pass before). The stored text stays, as its payload.
            LogUnreadable(logger, pending.DeliveryId, unreadable.Attempts[0].Error);
            await store.RecordAttemptAsync(unreadable with { Attempts = [unreadable.Attempts[0] with { At = now }] }, loaded.Version, cancellationToken);
            return AttemptOutcome.Recorded;
        }

        var (record, version) = (loaded.Record!, loaded.Version);
        if (record.Status != DeliveryStatus.Pending)
        {
            // Delivered or given up, and its work-list entry left behind (a stop between the two writes of
            // RecordAttemptAsync): nothing to send again.
            await store.DropPendingAsync(record.Id, cancellationToken);
            return AttemptOutcome.Recorded;
        }

        if (record.NextAttemptAt > now)
        {
            // Not due by its own record: its work-list entry could not be read (so it counted as due), or another
            // dispatcher attempted it since the list was read. The entry gets the record's time back.
            await store.RestorePendingAsync(record, cancellationToken);
            return AttemptOutcome.Recorded;
        }

        var subscription = await store.GetSubscriptionAsync(record.SubscriptionId, cancellationToken);
        var attempt = subscription is null
            ? new DeliveryAttemptView(now, null, "subscription deleted")
            : await SendAsync(subscription, record, cancellationToken);
        var attempts = record.Attempts.Append(attempt).ToList();
        var at = Time.GetUtcNow();
        DeliveryRecord updated;
        if (attempt.StatusCode is >= 200 and < 300)
        {
            updated = record with { Status = DeliveryStatus.Delivered, Attempts = attempts, NextAttemptAt = null, DeliveredAt = at };
        }
        else if (subscription is null || attempts.Count >= options.Value.MaxAttempts)
        {
            updated = record with { Status = DeliveryStatus.Failed, Attempts = attempts, NextAttemptAt = null };
            LogGaveUp(logger, record.Id, attempts.Count);
            if (subscription is not null)
            {
                await store.RecordGivenUpAsync(record, attempt, cancellationToken);
            }
        }
        else
        {
            updated = record with { Attempts = attempts, NextAttemptAt = at + Backoff(attempts.Count) };
        }

        await store.RecordAttemptAsync(updated, version, cancellationToken);
        return subscription is not null && attempt.StatusCode is null ? AttemptOutcome.Unreachable : AttemptOutcome.Recorded;
    }

    /// <summary>Base delay doubled per failed attempt, capped.</summary>
    public TimeSpan Backoff(int failedAttempts)
    {
        var delay = options.Value.BaseRetryDelay * Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        return delay > options.Value.MaxRetryDelay ? options.Value.MaxRetryDelay : delay;
    }

    private async Task<DeliveryAttemptView> SendAsync(SubscriptionRecord subscription, DeliveryRecord record, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(record.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignatures.Header, WebhookSignatures.SignHex(body, subscription.Secret));
        request.Headers.Add(WebhookSignatures.EventHeader, record.EventType);
        request.Headers.Add(WebhookSignatures.DeliveryHeader, record.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.AttemptTimeout);
        var started = Time.GetUtcNow();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
            return new DeliveryAttemptView(started, (int)response.StatusCode, response.IsSuccessStatusCode ? null : response.ReasonPhrase);
        }
        catch (HttpRequestException exception)
        {
            return new DeliveryAttemptView(started, null, exception.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttemptView(started, null, "timeout");
        }
    }

    [LoggerMessage(EventId = 5200, Level = LogLevel.Warning, Message = "Outbox pass failed; retrying on the next pass")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Outbox sender of subscription {SubscriptionId} failed; its deliveries are retried on a later pass")]
    private static partial void LogSenderFailed(ILogger logger, Exception exception, string subscriptionId);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Error, Message = "Outbox delivery {DeliveryId} cannot be read ({Reason}); marked failed, its stored text kept as its payload")]
    private static partial void LogUnreadable(ILogger logger, string deliveryId, string? reason);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Warning, Message = "Outbox delivery {DeliveryId} failed after {Attempts} attempts; giving up")]
    private static partial void LogGaveUp(ILogger logger, string deliveryId, int attempts);
}
