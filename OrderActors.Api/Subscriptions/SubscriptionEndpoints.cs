using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Subscriptions;

/// <summary><c>/api/subscriptions</c>: outbound webhooks (admin, integration) and their deliveries with every attempt.</summary>
public static class SubscriptionEndpoints
{
    public static RouteGroupBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/subscriptions").WithTags("Subscriptions").RequireRoles(ApiRoles.Integration);
        subscriptions.MapPost("/", CreateAsync);
        subscriptions.MapGet("/", ListAsync);
        subscriptions.MapGet("/{id}", GetAsync);
        subscriptions.MapDelete("/{id}", DeleteAsync);
        subscriptions.MapGet("/{id}/deliveries", DeliveriesAsync);
        return subscriptions;
    }

    /// <summary>
    /// 201 with the new subscription. With an <c>Idempotency-Key</c> a retry gets the first answer, and the subscription's
    /// id comes from the key, so a retry after a crash that lost the answer (and, two minutes on, takes the key's claim
    /// over) finds the subscription stored instead of adding a second one that would get every event again.
    /// </summary>
    private static async Task<Created<SubscriptionView>> CreateAsync(
        CreateSubscriptionRequest request,
        OutboxStore store,
        IdempotencyStore idempotency,
        HttpContext http,
        TimeProvider time,
        [FromHeader(Name = IdempotencyStore.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var validator = new Validator();
        if (validator.Required(request.Url, "url", 2000)
            && (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            validator.Add("url", "must be an absolute http or https URL");
        }

        if (request.Events is null || request.Events.Count == 0)
        {
            validator.Add("events", "at least one event type or pattern (e.g. order.*, *) is required");
        }
        else if (validator.AtMost(request.Events.Count, "events", MaxEvents))
        {
            for (var i = 0; i < request.Events.Count; i++)
            {
                validator.Required(request.Events[i], $"events[{i}]", 100);
            }
        }

        if (validator.Required(request.Secret, "secret", 200) && request.Secret.Length < 16)
        {
            validator.Add("secret", "must be at least 16 characters");
        }

        validator.ThrowIfInvalid();
        var scope = $"{CallerAccess.From(http.User).Actor}:subscriptions";
        var created = await idempotency.RunAsync<SubscriptionView>(
            scope,
            idempotencyKey,
            request,
            async () =>
            {
                var id = string.IsNullOrWhiteSpace(idempotencyKey) ? null : OutboxStore.SubscriptionIdFor($"{scope}:{idempotencyKey}");
                var record = await store.CreateSubscriptionAsync(id, request.Url!, request.Events!, request.Secret!, time.GetUtcNow(), cancellationToken);
                return (ToView(record), $"/api/subscriptions/{record.Id}");
            },
            cancellationToken);
        var (body, location, _) = created ?? throw new InvalidOperationException("Creating a subscription is never refused.");
        return TypedResults.Created(location, body);
    }

    private static async Task<Ok<List<SubscriptionView>>> ListAsync(OutboxStore store, CancellationToken cancellationToken)
    {
        var subscriptions = await store.ListSubscriptionsAsync(cancellationToken);
        var (pending, health) = await HealthAsync(store, cancellationToken);
        return TypedResults.Ok(subscriptions.Select(s => WithHealth(ToView(s), pending, health)).ToList());
    }

    private static async Task<Results<Ok<SubscriptionView>, NotFound>> GetAsync(string id, OutboxStore store, CancellationToken cancellationToken)
    {
        if (await store.GetSubscriptionAsync(id, cancellationToken) is not { } record)
        {
            return TypedResults.NotFound();
        }

        var (pending, health) = await HealthAsync(store, cancellationToken);
        return TypedResults.Ok(WithHealth(ToView(record), pending, health));
    }

    /// <summary>
    /// How each subscription's deliveries stand: those on the work list (waiting for their first attempt or a retry),
    /// counted per subscription, and the deliveries given up, from each subscription's health record.
    /// </summary>
    private static async Task<(Dictionary<string, int> Pending, IReadOnlyDictionary<string, SubscriptionHealth> Health)> HealthAsync(OutboxStore store, CancellationToken cancellationToken)
    {
        var pending = (await store.ListPendingAsync(cancellationToken))
            .GroupBy(p => OutboxStore.SubscriptionOf(p.DeliveryId), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return (pending, await store.ListHealthAsync(cancellationToken));
    }

    private static SubscriptionView WithHealth(SubscriptionView view, Dictionary<string, int> pending, IReadOnlyDictionary<string, SubscriptionHealth> health) =>
        view with
        {
            Pending = pending.GetValueOrDefault(view.Id),
            Failed = health.GetValueOrDefault(view.Id)?.Failed ?? 0,
            LastFailure = health.GetValueOrDefault(view.Id)?.LastFailure,
        };

    private static async Task<Results<NoContent, NotFound>> DeleteAsync(string id, OutboxStore store, CancellationToken cancellationToken) =>
        await store.DeleteSubscriptionAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Ok<List<DeliveryView>>, NotFound>> DeliveriesAsync(string id, OutboxStore store, CancellationToken cancellationToken, int limit = 100)
    {
        var validator = new Validator();
        validator.Limit(limit, "limit", MaxDeliveries);
        validator.ThrowIfInvalid();
        if (await store.GetSubscriptionAsync(id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        var deliveries = await store.ListDeliveriesAsync(id, limit, cancellationToken);
        return TypedResults.Ok(deliveries.Select(d => d.ToView()).ToList());
    }

    private const int MaxDeliveries = 1000;

    /// <summary>Event types and patterns a subscription lists (a pattern such as <c>order.*</c> covers a family).</summary>
    private const int MaxEvents = 100;

    private static SubscriptionView ToView(SubscriptionRecord record) => new(record.Id, record.Url, record.Events, record.CreatedAt, record.StartPosition);
}
