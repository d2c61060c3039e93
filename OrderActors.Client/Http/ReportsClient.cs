using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/reports</c>: the operations summary and the daily reconciliation.</summary>
public sealed class ReportsClient(ApiConnection connection)
{
    public Task<SummaryReportDto> SummaryAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<SummaryReportDto>(ApiConnection.Query("/api/reports/summary", ("from", from), ("to", to)), cancellationToken);

    public Task<ReconciliationDto> ReconciliationAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        connection.GetAsync<ReconciliationDto>(ApiConnection.Query("/api/reports/reconciliation", ("date", date)), cancellationToken);

    /// <summary>The reconciliation as CSV text (<c>format=csv</c>).</summary>
    public Task<string> ReconciliationCsvAsync(DateOnly date, CancellationToken cancellationToken = default) =>
        connection.GetTextAsync(ApiConnection.Query("/api/reports/reconciliation", ("date", date), ("format", "csv")), cancellationToken);
}
