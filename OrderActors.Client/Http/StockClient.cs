using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/stock/{sku}</c>: levels, receipts, physical counts and per-SKU settings.</summary>
public sealed class StockClient(ApiConnection connection)
{
    public Task<StockDto> GetAsync(string sku, CancellationToken cancellationToken = default) =>
        connection.GetAsync<StockDto>(Path(sku), cancellationToken);

    /// <summary>Goods received into a warehouse; a <c>receiptId</c> makes a retry a no-op.</summary>
    public Task<StockDto> ReceiveAsync(string sku, StockReceiptRequest request, CancellationToken cancellationToken = default) =>
        connection.PostAsync<StockDto>($"{Path(sku)}/receipts", request, cancellationToken);

    /// <summary>A physical count: the warehouse's on-hand becomes <c>onHand</c>.</summary>
    public Task<StockDto> CountAsync(string sku, StockCountRequest request, CancellationToken cancellationToken = default) =>
        connection.PostAsync<StockDto>($"{Path(sku)}/counts", request, cancellationToken);

    public Task<StockDto> SetSettingsAsync(string sku, StockSettingsRequest request, CancellationToken cancellationToken = default) =>
        connection.PutAsync<StockDto>($"{Path(sku)}/settings", request, cancellationToken);

    private static string Path(string sku) => $"/api/stock/{ApiConnection.Escape(sku)}";
}
