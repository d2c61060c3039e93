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

    /// <summary>The settings and their version (the number their <c>ETag</c> carries).</summary>
    public Task<StockSettingsDto> GetSettingsAsync(string sku, CancellationToken cancellationToken = default) =>
        connection.GetAsync<StockSettingsDto>($"{Path(sku)}/settings", cancellationToken);

    /// <summary>Replaces all three settings; with <paramref name="ifVersion"/> only if they are still at that version (else 412).</summary>
    public Task<StockDto> SetSettingsAsync(string sku, StockSettingsRequest request, CancellationToken cancellationToken = default, int? ifVersion = null) =>
        connection.PutAsync<StockDto>($"{Path(sku)}/settings", request, cancellationToken, IfMatch(ifVersion));

    /// <summary>Changes only the settings given (null keeps one); with <paramref name="ifVersion"/> only if they are still at that version (else 412).</summary>
    public Task<StockDto> ChangeSettingsAsync(string sku, StockSettingsRequest request, int? ifVersion = null, CancellationToken cancellationToken = default) =>
        connection.PatchAsync<StockDto>($"{Path(sku)}/settings", request, cancellationToken, IfMatch(ifVersion));

    private static Dictionary<string, string>? IfMatch(int? version) =>
        version is { } v ? new Dictionary<string, string> { ["If-Match"] = $"\"{v.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"" } : null;

    private static string Path(string sku) => $"/api/stock/{ApiConnection.Escape(sku)}";
}
