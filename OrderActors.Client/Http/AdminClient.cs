using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/admin</c> (admin): runtime inspection for operators and the reservation ledger check.</summary>
public sealed class AdminClient(ApiConnection connection)
{
    /// <summary><c>GET /api/admin/cluster</c>: silo, uptime, storage, activations per grain type, backlog, calls/s, reminders.</summary>
    public Task<ClusterStatusDto> ClusterAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<ClusterStatusDto>("/api/admin/cluster", cancellationToken);

    /// <summary><c>GET /api/admin/grains?type=&amp;top=</c>: live activations (of one type: <c>order</c>, <c>sku</c>, <c>customer</c>), longest queues first.</summary>
    public Task<IReadOnlyList<ActivationDto>> GrainsAsync(string? type = null, int? top = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<ActivationDto>>(ApiConnection.Query("/api/admin/grains", ("type", type), ("top", top)), cancellationToken);

    /// <summary><c>GET /api/admin/grains/{type}/{key}</c>: one grain's state and its latest events.</summary>
    public Task<GrainDetailDto> GrainAsync(string type, string key, CancellationToken cancellationToken = default) =>
        connection.GetAsync<GrainDetailDto>($"/api/admin/grains/{ApiConnection.Escape(type)}/{ApiConnection.Escape(key)}", cancellationToken);

    /// <summary>
    /// <c>GET /api/admin/reminders?dueWithin=&amp;limit=</c>: durable reminders by due time (those due within the window,
    /// or all), at most <paramref name="limit"/> (the API's default 200 when null).
    /// </summary>
    public Task<IReadOnlyList<ReminderDto>> RemindersAsync(TimeSpan? dueWithin = null, int? limit = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<ReminderDto>>(ApiConnection.Query("/api/admin/reminders", ("dueWithin", dueWithin), ("limit", limit)), cancellationToken);

    /// <summary><c>POST /api/admin/ledger/check</c>: every SKU's reservations and allocations against its orders; drifts listed.</summary>
    public Task<LedgerReportDto> CheckLedgerAsync(CancellationToken cancellationToken = default) =>
        connection.PostAsync<LedgerReportDto>("/api/admin/ledger/check", null, cancellationToken);

    /// <summary>
    /// <c>POST /api/admin/ledger/repair</c>: releases stock held for orders that were never stored (a crash before their
    /// append, never delivered again); the releases and the check before and after. Other drifts are only reported.
    /// </summary>
    public Task<LedgerRepairDto> RepairLedgerAsync(CancellationToken cancellationToken = default) =>
        connection.PostAsync<LedgerRepairDto>("/api/admin/ledger/repair", null, cancellationToken);
}
