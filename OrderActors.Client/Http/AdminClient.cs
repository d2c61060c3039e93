using System.Text.Json;

namespace OrderActors.Client.Http;

/// <summary>
/// <c>/api/admin</c>: runtime inspection for operators (cluster statistics, activations, reminders, the reservation ledger check).
/// Answers are returned as the JSON the service sent, since their shape follows the runtime's counters.
/// </summary>
public sealed class AdminClient(ApiConnection connection)
{
    /// <summary><c>GET /api/admin/cluster</c>: silos, uptime, storage, activations per grain type, backlog, calls/s, reminders.</summary>
    public Task<JsonElement> ClusterAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<JsonElement>("/api/admin/cluster", cancellationToken);

    /// <summary><c>GET /api/admin/grains?type=&amp;top=</c>: the active grains of a type.</summary>
    public Task<JsonElement> GrainsAsync(string type, int? top = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<JsonElement>(ApiConnection.Query("/api/admin/grains", ("type", type), ("top", top)), cancellationToken);

    /// <summary><c>GET /api/admin/grains/{type}/{key}</c>: one grain's state and its latest events.</summary>
    public Task<JsonElement> GrainAsync(string type, string key, CancellationToken cancellationToken = default) =>
        connection.GetAsync<JsonElement>($"/api/admin/grains/{ApiConnection.Escape(type)}/{ApiConnection.Escape(key)}", cancellationToken);

    /// <summary><c>GET /api/admin/reminders?dueWithin=</c>: reminders due within a window (all when null).</summary>
    public Task<JsonElement> RemindersAsync(TimeSpan? dueWithin = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<JsonElement>(ApiConnection.Query("/api/admin/reminders", ("dueWithin", dueWithin)), cancellationToken);

    /// <summary><c>POST /api/admin/ledger/check</c>: verifies every SKU's reservations and allocations against its grain.</summary>
    public Task<JsonElement> CheckLedgerAsync(CancellationToken cancellationToken = default) =>
        connection.PostAsync<JsonElement>("/api/admin/ledger/check", null, cancellationToken);
}
