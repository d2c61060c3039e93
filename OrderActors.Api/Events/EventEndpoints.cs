using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Events;

/// <summary><c>GET /api/events?after=&amp;limit=</c>: the change feed, for integrations that poll instead of subscribing (admin, integration: the raw events include PII).</summary>
public static class EventEndpoints
{
    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        var events = app.MapGroup("/api/events").WithTags("Events").RequireRoles(ApiRoles.Integration);
        events.MapGet("/", ReadAsync);
        return events;
    }

    private static async Task<Ok<FeedPage>> ReadAsync(IGrainStorage storage, CancellationToken cancellationToken, long after = 0, int limit = 100)
    {
        var validator = new Validator();
        if (after < 0)
        {
            validator.Add("after", "must not be negative");
        }

        if (limit is < 1 or > 1000)
        {
            validator.Add("limit", "must be between 1 and 1000");
        }

        validator.ThrowIfInvalid();
        var events = await storage.ReadFeedAsync(after, limit, cancellationToken);
        var views = events.Select(FeedEvents.ToView).ToList();
        return TypedResults.Ok(new FeedPage(views, views.Count == 0 ? after : views[^1].Position));
    }
}
