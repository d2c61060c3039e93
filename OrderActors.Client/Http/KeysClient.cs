using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/keys</c> (admin): create, list and revoke API keys.</summary>
public sealed class KeysClient(ApiConnection connection)
{
    /// <summary>
    /// Creates a key with roles; the answer is the only time the plain key is shown, except to a retry with the same
    /// <paramref name="idempotencyKey"/>, which gets the first answer again instead of a second key.
    /// </summary>
    public Task<ApiKeyCreated> CreateAsync(string name, IReadOnlyList<string> roles, CancellationToken cancellationToken = default, string? idempotencyKey = null) =>
        connection.PostAsync<ApiKeyCreated>(
            "/api/keys",
            new CreateApiKeyRequest(name, roles),
            cancellationToken,
            idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey });

    public Task<IReadOnlyList<ApiKeyView>> ListAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<ApiKeyView>>("/api/keys", cancellationToken);

    /// <summary>Revokes a key by id; it stops working at once.</summary>
    public Task RevokeAsync(string id, CancellationToken cancellationToken = default) =>
        connection.DeleteAsync($"/api/keys/{ApiConnection.Escape(id)}", cancellationToken);
}
