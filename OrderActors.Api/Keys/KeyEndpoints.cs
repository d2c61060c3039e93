using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;

namespace OrderActors.Api.Keys;

/// <summary><c>/api/keys</c>: admin creates, lists and revokes API keys.</summary>
public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireRoles();
        keys.MapPost("/", CreateAsync);
        keys.MapGet("/", ListAsync);
        keys.MapDelete("/{id}", RevokeAsync);
        return keys;
    }

    /// <summary>
    /// 201 with the new key. With an <c>Idempotency-Key</c> a retry of the same request gets the first answer, the plain
    /// key included (the caller who retries never saw the first answer, and a key it cannot read would be a second key
    /// to revoke); the same header with another body is 400 <c>request.idempotency_key_reused</c>, as for orders. The
    /// record keeps the plain key sealed under the header, which it does not keep (<see cref="KeyReplaySeal"/>).
    /// </summary>
    private static async Task<Created<ApiKeyCreated>> CreateAsync(
        CreateApiKeyRequest request,
        ApiKeyStore store,
        IdempotencyStore idempotency,
        HttpContext http,
        [FromHeader(Name = IdempotencyStore.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.Required(request.Name, "name", 100);
        if (request.Roles is null || request.Roles.Count == 0)
        {
            validator.Add("roles", "at least one role is required");
        }
        else
        {
            for (var i = 0; i < request.Roles.Count; i++)
            {
                if (!ApiRoles.All.Contains(request.Roles[i]))
                {
                    validator.Add($"roles[{i}]", $"must be one of {string.Join(", ", ApiRoles.All)}");
                }
            }
        }

        validator.ThrowIfInvalid();
        var replayKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey;
        if (replayKey is not null)
        {
            IdempotencyStore.ThrowIfInvalid(replayKey);
        }

        var created = await idempotency.RunAsync<ApiKeyCreated>(
            $"{CallerAccess.From(http.User).Actor}:keys",
            replayKey is null ? null : KeyReplaySeal.RecordKey(replayKey),
            request,
            async () =>
            {
                var key = await store.CreateAsync(request.Name!, request.Roles!.Distinct(StringComparer.Ordinal).ToArray(), cancellationToken);
                return (replayKey is null ? key : key with { Key = KeyReplaySeal.Seal(key.Key, replayKey) }, $"/api/keys/{key.Id}");
            },
            cancellationToken);
        var (body, location, _) = created ?? throw new InvalidOperationException("Creating an API key is never refused.");
        return TypedResults.Created(location, replayKey is null ? body : body with { Key = KeyReplaySeal.Open(body.Key, replayKey) });
    }

    private static async Task<Ok<IReadOnlyList<ApiKeyView>>> ListAsync(ApiKeyStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));

    /// <summary>
    /// Revokes a key, but never the last admin key: without one nobody can create keys or change rules until the
    /// silo restarts and writes a new bootstrap key (409 <c>keys.last_admin</c>; create another admin key first), also
    /// when two admins revoke the only two admin keys at the same moment (<see cref="ApiKeyStore.RevokeKeepingAnAdminAsync"/>).
    /// </summary>
    private static async Task<Results<NoContent, NotFound>> RevokeAsync(string id, ApiKeyStore store, CancellationToken cancellationToken) =>
        await store.RevokeKeepingAnAdminAsync(id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
}
