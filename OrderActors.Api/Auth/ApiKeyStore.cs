using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrderActors.Client.Contracts;
using OrderActors.Grains;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Auth;

/// <summary>
/// API keys in the document store, hashed with SHA-256 (the keys are 256-bit random, so a plain hash is enough).
/// A key reads <c>oa_{id}_{secret}</c>; the id finds the record, the hash is compared in constant time. A key that
/// verified is then served from <see cref="ApiKeyCache"/> by its hash; everything here that removes or replaces a key
/// evicts it from the cache before it returns, so a key revoked on this silo fails on its next request.
/// </summary>
public sealed class ApiKeyStore(IDocumentStore documents, ApiKeyCache cache, TimeProvider time)
{
    public const string Collection = "api-keys";
    public const string BootstrapId = "bootstrap";

    /// <summary>The collection and key of the list of admin revocations in progress (not in <see cref="Collection"/>: it is no key).</summary>
    public const string GuardCollection = "api-key-guards";
    public const string AdminRevocationsKey = "admin-revocations";

    /// <summary>A revocation in progress for longer than this was left by a request that died; it stops counting.</summary>
    public static readonly TimeSpan StaleRevocation = TimeSpan.FromMinutes(2);

    private const int GuardAttempts = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ApiKeyCreated> CreateAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken)
    {
        var key = Prepare(name, roles);
        await StoreAsync(key, cancellationToken);
        return key;
    }

    /// <summary>A new key, not stored yet (<see cref="StoreAsync"/>): its answer can be kept before the key exists.</summary>
    public ApiKeyCreated Prepare(string name, IReadOnlyList<string> roles)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        return new ApiKeyCreated(id, name, roles, $"oa_{id}_{Base64UrlSecret()}", time.GetUtcNow());
    }

    /// <summary>Stores a <see cref="Prepare"/>d key (its hash, never the key).</summary>
    public async Task StoreAsync(ApiKeyCreated key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var record = new ApiKeyRecord(key.Id, key.Name, key.Roles, Hash(key.Key), key.CreatedAt);
        var written = await documents.TryPutDocumentAsync(Collection, key.Id, JsonSerializer.Serialize(record, Json), 0, cancellationToken);
        if (written is null)
        {
            throw new InvalidOperationException("API key id collision; retry.");
        }
    }

    /// <summary>The record of a presented key, or null when it is unknown, revoked or wrong.</summary>
    public async Task<ApiKeyRecord?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (presented.Length is 0 or > 512)
        {
            return null;
        }

        // Cached by the key's SHA-256, never the key: no plain key stays in memory, and the lookup's timing says nothing about one.
        if (TryCached(presented) is { } cached)
        {
            return cached;
        }

        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var hash = Convert.ToHexStringLower(actual);

        var generation = cache.Generation;
        var id = TryParseId(presented) ?? BootstrapId;
        var record = await GetAsync(id, cancellationToken);
        if (record is null && id != BootstrapId)
        {
            // A configured bootstrap key may itself look like oa_x_y.
            record = await GetAsync(BootstrapId, cancellationToken);
        }

        if (record is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(record.Hash), actual))
        {
            return null;
        }

        cache.Add(hash, record, generation);
        return record;
    }

    /// <summary>
    /// The cached record of a presented key (at most 512 characters), hashed on the stack: every request asks, and the
    /// bytes, hash and hex string it took on the heap were ~300 B a request.
    /// </summary>
    private ApiKeyRecord? TryCached(string presented)
    {
        Span<byte> utf8 = stackalloc byte[512 * 3];
        var length = Encoding.UTF8.GetBytes(presented, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Convert.TryToHexStringLower(digest, hex, out _);
        return cache.TryGet(hex);
    }

    public async Task<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var document = await documents.GetDocumentAsync(Collection, id, cancellationToken);
        return document is null ? null : JsonSerializer.Deserialize<ApiKeyRecord>(document.Data, Json);
    }

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken)
    {
        var result = new List<ApiKeyView>();
        string? after = null;
        while (true)
        {
            var page = await documents.ListDocumentsAsync(Collection, after, 200, cancellationToken);
            foreach (var document in page)
            {
                var record = JsonSerializer.Deserialize<ApiKeyRecord>(document.Data, Json)!;
                result.Add(new ApiKeyView(record.Id, record.Name, record.Roles, record.CreatedAt));
            }

            if (page.Count < 200)
            {
                return result;
            }

            after = page[^1].Key;
        }
    }

    /// <summary>Deletes the key and evicts it from this silo's cache (also when the delete fails: the cache must never outlive storage).</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await documents.DeleteDocumentAsync(Collection, id, cancellationToken);
        }
        finally
        {
            cache.Evict(id);
        }
    }

    /// <summary>
    /// Revokes a key, but never the last admin key: 409 <c>keys.last_admin</c>. False when the key does not exist.
    /// Checking for another admin key and then deleting is not atomic, so two admins revoking the only two admin keys at
    /// the same moment both found the other key and both succeeded. Now an admin revocation first adds itself to a list
    /// of revocations in progress (one document, written only with its version, so every addition sees the one before
    /// it), and a key on that list does not count as remaining. The later of two such revocations is refused. The list
    /// is read before the keys, so a revocation that has finished is seen as a deleted key.
    /// </summary>
    public async Task<bool> RevokeKeepingAnAdminAsync(string id, CancellationToken cancellationToken)
    {
        if (await GetAsync(id, cancellationToken) is not { } key || !key.Roles.Contains(ApiRoles.Admin))
        {
            return await RevokeAsync(id, cancellationToken);
        }

        var pending = await BeginAdminRevocationAsync(id, cancellationToken);
        try
        {
            return await RevokeAsync(id, cancellationToken);
        }
        finally
        {
            await EndAdminRevocationAsync(pending);
        }
    }

    private async Task<PendingAdminRevocation> BeginAdminRevocationAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < GuardAttempts; attempt++)
        {
            var guard = await documents.GetDocumentAsync(GuardCollection, AdminRevocationsKey, cancellationToken);
            var now = time.GetUtcNow();
            var pending = ReadRevocations(guard).Where(p => p.At + StaleRevocation > now).ToList();
            if (pending.Exists(p => p.Id == id))
            {
                throw DomainException.Conflict("keys.revoke_in_progress", $"Key {id} is being revoked by another request.");
            }

            var keys = await ListAsync(cancellationToken);
            if (!keys.Any(k => k.Id != id && k.Roles.Contains(ApiRoles.Admin) && !pending.Exists(p => p.Id == k.Id)))
            {
                throw DomainException.Conflict("keys.last_admin", $"Key {id} is the last admin key; create another admin key before revoking it.");
            }

            var mine = new PendingAdminRevocation(id, now);
            pending.Add(mine);
            if (await documents.TryPutDocumentAsync(GuardCollection, AdminRevocationsKey, JsonSerializer.Serialize(pending, Json), guard?.Version ?? 0, cancellationToken) is not null)
            {
                return mine;
            }
        }

        throw DomainException.Conflict("keys.concurrent_change", "Admin keys are being changed by other requests; retry.");
    }

    /// <summary>Takes the revocation off the list, whether or not it succeeded (one left behind stops counting after <see cref="StaleRevocation"/>).</summary>
    private async Task EndAdminRevocationAsync(PendingAdminRevocation mine)
    {
        for (var attempt = 0; attempt < GuardAttempts; attempt++)
        {
            var guard = await documents.GetDocumentAsync(GuardCollection, AdminRevocationsKey, CancellationToken.None);
            var pending = ReadRevocations(guard);
            if (guard is null || !pending.Contains(mine))
            {
                return;
            }

            var rest = pending.Where(p => p != mine).ToList();
            if (await documents.TryPutDocumentAsync(GuardCollection, AdminRevocationsKey, JsonSerializer.Serialize(rest, Json), guard.Version, CancellationToken.None) is not null)
            {
                return;
            }
        }
    }

    private static List<PendingAdminRevocation> ReadRevocations(StoredDocument? guard) =>
        guard is null ? [] : JsonSerializer.Deserialize<List<PendingAdminRevocation>>(guard.Data, Json)!;

    /// <summary>Makes <paramref name="key"/> the bootstrap admin key (replacing an older one). True when it changed.</summary>
    public async Task<bool> EnsureBootstrapAsync(string key, CancellationToken cancellationToken)
    {
        var hash = Hash(key);
        var existing = await documents.GetDocumentAsync(Collection, BootstrapId, cancellationToken);
        if (existing is not null && JsonSerializer.Deserialize<ApiKeyRecord>(existing.Data, Json)!.Hash == hash)
        {
            return false;
        }

        var record = new ApiKeyRecord(BootstrapId, "bootstrap admin", [ApiRoles.Admin], hash, time.GetUtcNow());
        try
        {
            var written = await documents.TryPutDocumentAsync(Collection, BootstrapId, JsonSerializer.Serialize(record, Json), existing?.Version ?? 0, cancellationToken);
            return written is not null;
        }
        finally
        {
            // The replaced bootstrap key must stop working here at once, like a revoked one.
            cache.Evict(BootstrapId);
        }
    }

    public async Task<bool> HasBootstrapAsync(CancellationToken cancellationToken) =>
        await documents.GetDocumentAsync(Collection, BootstrapId, cancellationToken) is not null;

    public static string GenerateKey() => $"oa_{BootstrapId}_{Base64UrlSecret()}";

    private static string Base64UrlSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static string? TryParseId(string key)
    {
        if (!key.StartsWith("oa_", StringComparison.Ordinal))
        {
            return null;
        }

        var end = key.IndexOf('_', 3);
        return end > 3 ? key[3..end] : null;
    }
}
