using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Events;

/// <summary>
/// <c>GET /api/events?after=&amp;limit=&amp;type=</c>: the change feed, for integrations that poll instead of subscribing
/// (admin, integration: the raw events include PII). <c>type</c> (comma-separated event types, e.g.
/// <c>order.placed,order.cancelled</c>) returns only those; <c>next</c> is still the cursor to go on from.
/// </summary>
public static class EventEndpoints
{
    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events").RequireRoles(ApiRoles.Integration);
        events.MapGet("/", ReadAsync);
        return events;
    }

    private const int MaxTypes = 32;

    private static async Task<Ok<FeedPage>> ReadAsync(IGrainStorage storage, CancellationToken cancellationToken, long after = 0, int limit = 100, string? type = null)
    {
        var validator = new Validator();
        var types = (type ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (type is not null && types.Count == 0)
        {
            validator.Add("type", "must name at least one event type, e.g. order.placed");
        }
        else if (types.Count > MaxTypes)
        {
            validator.Add("type", $"names {types.Count} event types; at most {MaxTypes}");
        }
        else if (types.FirstOrDefault(t => t.Length > 100 || !t.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')) is { } bad)
        {
            validator.Add("type", $"'{bad}' is not an event type (letters, digits, '.', '_' and '-', e.g. order.placed)");
        }

        if (after < 0)
        {
            validator.Add("after", "must not be negative");
        }

        validator.Limit(limit, "limit", 1000);

        validator.ThrowIfInvalid();
        var events = await storage.ReadFeedAsync(after, limit, types, cancellationToken);
        var views = events.Select(FeedEvents.ToView).ToList();
        return TypedResults.Ok(new FeedPage(views, views.Count == 0 ? after : views[^1].Position));
    }
}
