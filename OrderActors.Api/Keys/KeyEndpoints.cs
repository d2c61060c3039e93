using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains;

namespace OrderActors.Api.Keys;

/// <summary><c>/api/keys</c>: admin creates, lists and revokes API keys.</summary>
public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/keys").WithTags("Keys").RequireRoles();
        keys.MapPost("/", CreateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        keys.MapGet("/", ListAsync);
        keys.MapDelete("/{id}", RevokeAsync);
        return keys;
    }

    /// <summary>
    /// 201 with the new key. With an <c>Idempotency-Key</c> a retry of the same request gets the first answer, the plain
    /// key included (the caller who retries never saw the first answer, and a key it cannot read would be a second key
    /// to revoke); the same header with another body is 400 <c>request.idempotency_key_reused</c>, as for orders. The
    /// record keeps the plain key sealed under the header, which it does not keep (<see cref="KeyReplaySeal"/>). The
    /// answer is in the record before the key is stored (<see cref="IdempotencyStore.RunPreparedAsync{T}"/>), so a retry
    /// after a crash finds the key it made rather than making a second. A replay of a key revoked since is 409
    /// <c>keys.revoked</c> naming the header, without the key.
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
        var roles = request.Roles!.Distinct(StringComparer.Ordinal).ToArray();
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            var key = await store.CreateAsync(request.Name!, roles, cancellationToken);
            return TypedResults.Created($"/api/keys/{key.Id}", key);
        }

        IdempotencyStore.ThrowIfInvalid(idempotencyKey);
        var prepared = store.Prepare(request.Name!, roles);
        var (body, location, replayed) = await idempotency.RunPreparedAsync(
            $"{CallerAccess.From(http.User).Actor}:keys",
            KeyReplaySeal.RecordKey(idempotencyKey),
            request,
            (prepared with { Key = KeyReplaySeal.Seal(prepared.Key, idempotencyKey) }, $"/api/keys/{prepared.Id}"),
            () => store.StoreAsync(prepared, cancellationToken),
            cancellationToken);
        if (replayed && await store.GetAsync(body.Id, cancellationToken) is null)
        {
            // Revoked since (or, after a crash, never stored): the answer must not hand out a key that does not work.
            throw new DomainException(
                DomainErrorKind.Conflict,
                "keys.revoked",
                $"The API key {body.Id} ('{body.Name}') this Idempotency-Key created no longer exists: it was revoked since (or the silo stopped before storing it). It is not shown again; create a new key with a new Idempotency-Key.",
                IdempotencyStore.HeaderName);
        }

        return TypedResults.Created(location, body with { Key = KeyReplaySeal.Open(body.Key, idempotencyKey) });
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
