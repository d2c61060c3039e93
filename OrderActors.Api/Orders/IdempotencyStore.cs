using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderActors.Grains;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Orders;

/// <summary>
/// <c>Idempotency-Key</c> for creating POSTs. The claim is atomic (<see cref="IDocumentStore.TryPutDocumentAsync"/> with
/// expected version 0), so two concurrent retries cannot both create; the first completed answer is replayed to every retry.
/// A failed attempt releases the claim so the client may retry it, and so does a refused one (<c>create</c> returns null:
/// nothing was created, e.g. a sold-out checkout): a retry with the same key runs again and, while the refusal holds,
/// gets the same answer. Keys are scoped per API key and route.
/// </summary>
public sealed class IdempotencyStore(IDocumentStore documents, TimeProvider time)
{
    public const string Collection = "idempotency";
    public const string HeaderName = "Idempotency-Key";

    /// <summary>A claim older than this was left by a crashed attempt and may be taken over.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(2);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The 400 for a header no record is made for (for a caller that files the record under a hash of it).</summary>
    public static void ThrowIfInvalid(string idempotencyKey)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        if (idempotencyKey.Length > 200)
        {
            throw DomainException.Validation("request.idempotency_key_invalid", HeaderName, "The Idempotency-Key header must be at most 200 characters.");
        }
    }

    /// <summary>
    /// Runs <paramref name="create"/> once per key; a retry gets the stored answer (<c>Replayed</c> true). Null when
    /// <paramref name="create"/> refused (returned null): nothing is stored and the key is free again.
    /// </summary>
    public async Task<(T Body, string Location, bool Replayed)?> RunAsync<T>(
        string scope,
        string? idempotencyKey,
        object request,
        Func<Task<(T Body, string Location)?>> create,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            return await create() is var (body, location) ? (body, location, false) : null;
        }

        ThrowIfInvalid(idempotencyKey);
        var key = $"{scope}:{idempotencyKey}";
        var hash = RequestHash(request);
        var claim = new IdempotencyRecord(hash, Completed: false, 0, null, null);
        var claimed = await documents.TryPutDocumentAsync(Collection, key, JsonSerializer.Serialize(claim, Json), 0, cancellationToken);
        if (claimed is null)
        {
            var existing = await documents.GetDocumentAsync(Collection, key, cancellationToken);
            var record = existing is null ? null : JsonSerializer.Deserialize<IdempotencyRecord>(existing.Data, Json);
            if (existing is not null && record is { Completed: false } && existing.UpdatedAt + StaleClaim < time.GetUtcNow())
            {
                // The attempt that claimed the key died before answering; take the claim over atomically.
                claimed = await documents.TryPutDocumentAsync(Collection, key, JsonSerializer.Serialize(claim, Json), existing.Version, cancellationToken);
            }
        }

        if (claimed is null)
        {
            return await ReplayAsync<T>(key, hash, cancellationToken);
        }

        (T Body, string Location)? attempt;
        try
        {
            attempt = await create();
        }
        catch
        {
            await documents.DeleteDocumentAsync(Collection, key, CancellationToken.None);
            throw;
        }

        if (attempt is not { } result)
        {
            // Refused: released exactly as a failed attempt is (the refusal used to arrive here as an exception).
            await documents.DeleteDocumentAsync(Collection, key, CancellationToken.None);
            return null;
        }

        var completed = new IdempotencyRecord(hash, Completed: true, 201, result.Location, JsonSerializer.Serialize(result.Body, Json));
        await documents.TryPutDocumentAsync(Collection, key, JsonSerializer.Serialize(completed, Json), claimed.Value, cancellationToken);
        return (result.Body, result.Location, false);
    }

    /// <summary>
    /// Like <see cref="RunAsync{T}"/>, for a create whose answer is made before what it creates is stored
    /// (<paramref name="prepared"/>, e.g. a new API key's id and secret): the answer goes into the claim, then
    /// <paramref name="store"/> runs, then the claim is completed. A crash between the store and the completion left a
    /// claim whose retry, two minutes on, ran the create again and made a second thing (a key's secret cannot be made
    /// again); now the retry that takes such a claim over completes it with the answer it holds and replays that, without
    /// running anything, whatever became of it: the caller checks (<c>Replayed</c> true), as for any replay, whether what
    /// the answer names still exists.
    /// </summary>
    public async Task<(T Body, string Location, bool Replayed)> RunPreparedAsync<T>(
        string scope,
        string idempotencyKey,
        object request,
        (T Body, string Location) prepared,
        Func<Task> store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ThrowIfInvalid(idempotencyKey);
        var key = $"{scope}:{idempotencyKey}";
        var hash = RequestHash(request);
        var body = JsonSerializer.Serialize(prepared.Body, Json);
        var claimed = await documents.TryPutDocumentAsync(Collection, key, JsonSerializer.Serialize(new IdempotencyRecord(hash, Completed: false, 0, prepared.Location, body), Json), 0, cancellationToken);
        if (claimed is null)
        {
            var existing = await documents.GetDocumentAsync(Collection, key, cancellationToken);
            var record = existing is null ? null : JsonSerializer.Deserialize<IdempotencyRecord>(existing.Data, Json);
            if (existing is not null && record is { Completed: false } && existing.UpdatedAt + StaleClaim < time.GetUtcNow())
            {
                // The attempt that claimed the key died before answering. Its answer, when it kept one for this request, is
                // the answer: complete the record with it. Else take the claim over, as RunAsync does.
                var completedFromClaim = record is { Body: not null, Location: not null } && record.RequestHash == hash
                    ? record with { Completed = true, StatusCode = 201 }
                    : null;
                claimed = await documents.TryPutDocumentAsync(
                    Collection, key, JsonSerializer.Serialize(completedFromClaim ?? new IdempotencyRecord(hash, Completed: false, 0, prepared.Location, body), Json), existing.Version, cancellationToken);
                if (claimed is not null && completedFromClaim is not null)
                {
                    return (JsonSerializer.Deserialize<T>(completedFromClaim.Body!, Json)!, completedFromClaim.Location!, true);
                }
            }
        }

        if (claimed is null)
        {
            return await ReplayAsync<T>(key, hash, cancellationToken);
        }

        try
        {
            await store();
        }
        catch
        {
            await documents.DeleteDocumentAsync(Collection, key, CancellationToken.None);
            throw;
        }

        var completed = new IdempotencyRecord(hash, Completed: true, 201, prepared.Location, body);
        await documents.TryPutDocumentAsync(Collection, key, JsonSerializer.Serialize(completed, Json), claimed.Value, cancellationToken);
        return (prepared.Body, prepared.Location, false);
    }

    private static string RequestHash(object request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Json))));

    /// <summary>The stored answer for a key claimed by another attempt: 409 while it runs, 400 for another request.</summary>
    private async Task<(T Body, string Location, bool Replayed)> ReplayAsync<T>(string key, string hash, CancellationToken cancellationToken)
    {
        var existing = await documents.GetDocumentAsync(Collection, key, cancellationToken);
        var record = existing is null ? null : JsonSerializer.Deserialize<IdempotencyRecord>(existing.Data, Json);
        if (record is null || !record.Completed)
        {
            throw DomainException.Conflict("request.idempotency_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly.");
        }

        if (record.RequestHash != hash)
        {
            throw DomainException.Validation("request.idempotency_key_reused", HeaderName, "This Idempotency-Key was used for a different request.");
        }

        return (JsonSerializer.Deserialize<T>(record.Body!, Json)!, record.Location!, true);
    }
}
