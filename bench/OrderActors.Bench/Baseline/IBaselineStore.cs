namespace OrderActors.Bench.Baseline;

/// <summary>What <see cref="BaselineServer"/> needs from its store: the SQL one (<see cref="BaselineStore"/>) or none at all (<see cref="MemoryBaselineStore"/>).</summary>
public interface IBaselineStore : IAsyncDisposable
{
    Task InitializeAsync();

    Task ReceiveAsync(string sku, int quantity);

    Task<PlaceResult> PlaceAsync(string id, string name, string phone, string address, IReadOnlyList<BaselineLine> lines, string createdAt);

    /// <summary>Marks an order paid; null when it does not exist, else its status after the call.</summary>
    Task<string?> PayAsync(string id, string paymentId);

    Task<BaselineOrder?> GetOrderAsync(string id);

    Task<BaselineStock?> GetStockAsync(string sku);
}
