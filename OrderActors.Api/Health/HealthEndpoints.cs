using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Health;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (storage is initialized and answering).</summary>
public static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        health.MapGet("/live", () => TypedResults.Ok(new HealthReport("live", null)));
        health.MapGet("/ready", ReadyAsync);
        return health;
    }

    private static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> ReadyAsync(IGrainStorage storage, IDocumentStore documents, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await documents.GetDocumentAsync("health", "ping", timeout.Token);
            return TypedResults.Ok(new HealthReport("ready", storage.ProviderName));
        }
#pragma warning disable CA1031 // readiness reports any storage failure as "not ready" instead of a 500
        catch (Exception)
#pragma warning restore CA1031
        {
            return TypedResults.Json(new HealthReport("unavailable", storage.ProviderName), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
