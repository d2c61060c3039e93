using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OrderActors.Bench.Baseline;

/// <summary>
/// The order service written the way most are: one SQL transaction per order that inserts the order and decrements each
/// stock row with <c>UPDATE … SET reserved = reserved + @q WHERE sku = @s AND on_hand - reserved - allocated &gt;= @q</c>
/// (the row lock serialises buyers of the same SKU). PostgreSQL runs transactions concurrently (read committed);
/// SQLite has one writer, so writes go through one connection behind a gate instead of spinning on SQLITE_BUSY.
/// </summary>
public sealed class BaselineStore : IBaselineStore
{
    private readonly bool _sqlite;
    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _postgres;
    private readonly SemaphoreSlim _sqliteWriter = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<DbTransaction, byte> _rolledBack = new();
    private SqliteConnection? _sqliteWrite;

    public BaselineStore(string provider, string connectionString)
    {
        _sqlite = provider == "sqlite";
        _connectionString = connectionString;
        _postgres = _sqlite ? null : NpgsqlDataSource.Create(connectionString);
    }

    public async Task InitializeAsync()
    {
        var numeric = _sqlite ? "NUMERIC" : "numeric(14,2)";
        var schema = $"""
            CREATE TABLE IF NOT EXISTS stock (sku text PRIMARY KEY, on_hand integer NOT NULL, reserved integer NOT NULL DEFAULT 0, allocated integer NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS orders (id text PRIMARY KEY, status text NOT NULL, customer_name text NOT NULL, phone text NOT NULL, address text NOT NULL,
                total {numeric} NOT NULL, payment_id text NULL, created_at text NOT NULL);
            CREATE TABLE IF NOT EXISTS order_lines (order_id text NOT NULL, line_no integer NOT NULL, sku text NOT NULL, quantity integer NOT NULL,
                unit_price {numeric} NOT NULL, PRIMARY KEY (order_id, line_no));
            CREATE TABLE IF NOT EXISTS reservations (order_id text NOT NULL, sku text NOT NULL, quantity integer NOT NULL,
                expires_at text NOT NULL, PRIMARY KEY (order_id, sku));
            """;
        if (_sqlite)
        {
            _sqliteWrite = new SqliteConnection(_connectionString);
            await _sqliteWrite.OpenAsync();
            await _sqliteWrite.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;");
            await _sqliteWrite.ExecuteAsync(schema);
            return;
        }

        await using var connection = await _postgres!.OpenConnectionAsync();
        await connection.ExecuteAsync(schema);
    }

    public Task ReceiveAsync(string sku, int quantity) => WriteAsync(async (connection, transaction) =>
    {
        await connection.ExecuteAsync(
            "INSERT INTO stock (sku, on_hand) VALUES (@sku, @quantity) ON CONFLICT (sku) DO UPDATE SET on_hand = stock.on_hand + excluded.on_hand",
            new { sku, quantity }, transaction);
        return true;
    });

    public Task<PlaceResult> PlaceAsync(string id, string name, string phone, string address, IReadOnlyList<BaselineLine> lines, string createdAt) => WriteAsync(async (connection, transaction) =>
    {
        var total = lines.Sum(l => l.Quantity * l.UnitPrice);
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO orders (id, status, customer_name, phone, address, total, created_at) VALUES (@id, 'PendingPayment', @name, @phone, @address, @total, @createdAt) ON CONFLICT (id) DO NOTHING",
            new { id, name, phone, address, total, createdAt }, transaction);
        if (inserted == 0)
        {
            return PlaceResult.AlreadyExists;
        }

        // Fixed SKU order, quantities of one SKU summed: no deadlock between two orders, no oversell by a bundle.
        foreach (var need in lines.GroupBy(l => l.Sku, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var quantity = need.Sum(l => l.Quantity);
            var updated = await connection.ExecuteAsync(
                "UPDATE stock SET reserved = reserved + @quantity WHERE sku = @sku AND on_hand - reserved - allocated >= @quantity",
                new { sku = need.Key, quantity }, transaction);
            if (updated == 0)
            {
                var exists = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM stock WHERE sku = @sku", new { sku = need.Key }, transaction);
                await RollBackAsync(transaction);
                return exists == 0 ? PlaceResult.UnknownSku : PlaceResult.Insufficient;
            }
        }

        for (var i = 0; i < lines.Count; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO order_lines (order_id, line_no, sku, quantity, unit_price) VALUES (@id, @lineNo, @sku, @quantity, @unitPrice)",
                new { id, lineNo = i + 1, sku = lines[i].Sku, quantity = lines[i].Quantity, unitPrice = lines[i].UnitPrice }, transaction);
        }

        return PlaceResult.Created;
    });

    /// <summary>
    /// A stock reservation alone, the way a plain SQL service holds stock for a checkout: the conditional stock-row update
    /// and the reservation row (who holds how much until when), one transaction. False when the stock is short.
    /// </summary>
    public Task<bool> ReserveAsync(string orderId, string sku, int quantity, string expiresAt) => WriteAsync(async (connection, transaction) =>
    {
        var updated = await connection.ExecuteAsync(
            "UPDATE stock SET reserved = reserved + @quantity WHERE sku = @sku AND on_hand - reserved - allocated >= @quantity",
            new { sku, quantity }, transaction);
        if (updated == 0)
        {
            await RollBackAsync(transaction);
            return false;
        }

        await connection.ExecuteAsync(
            "INSERT INTO reservations (order_id, sku, quantity, expires_at) VALUES (@orderId, @sku, @quantity, @expiresAt)",
            new { orderId, sku, quantity, expiresAt }, transaction);
        return true;
    });

    /// <summary>Marks an order paid; null when it does not exist, else its status after the call.</summary>
    public Task<string?> PayAsync(string id, string paymentId) => WriteAsync(async (connection, transaction) =>
    {
        var updated = await connection.ExecuteAsync(
            "UPDATE orders SET status = 'Paid', payment_id = @paymentId WHERE id = @id AND status = 'PendingPayment'",
            new { id, paymentId }, transaction);
        if (updated == 1)
        {
            return "Paid";
        }

        var row = await connection.QuerySingleOrDefaultAsync<(string Status, string? PaymentId)>(
            "SELECT status, payment_id FROM orders WHERE id = @id", new { id }, transaction);
        return row.Status is null ? null : row.Status == "Paid" && row.PaymentId == paymentId ? "Paid" : "conflict:" + row.Status;
    });

    public async Task<BaselineOrder?> GetOrderAsync(string id)
    {
        await using var connection = await OpenReadAsync();
        var order = await connection.QuerySingleOrDefaultAsync<(string Id, string Status, decimal Total, string? PaymentId)>(
            "SELECT id, status, total, payment_id FROM orders WHERE id = @id", new { id });
        if (order.Id is null)
        {
            return null;
        }

        var lines = await connection.QueryAsync<(string Sku, long Quantity, decimal UnitPrice)>(
            "SELECT sku, quantity, unit_price FROM order_lines WHERE order_id = @id ORDER BY line_no", new { id });
        return new BaselineOrder(order.Id, order.Status, order.Total, order.PaymentId, lines.Select(l => new BaselineLine(l.Sku, (int)l.Quantity, l.UnitPrice)).ToList());
    }

    public async Task<BaselineStock?> GetStockAsync(string sku)
    {
        await using var connection = await OpenReadAsync();
        var row = await connection.QuerySingleOrDefaultAsync<(string Sku, long OnHand, long Reserved, long Allocated)>(
            "SELECT sku, on_hand, reserved, allocated FROM stock WHERE sku = @sku", new { sku });
        return row.Sku is null
            ? null
            : new BaselineStock(row.Sku, (int)row.OnHand, (int)row.Reserved, (int)row.Allocated, (int)Math.Max(0, row.OnHand - row.Reserved - row.Allocated), 0);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteWrite is not null)
        {
            await _sqliteWrite.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        _sqliteWriter.Dispose();
    }

    private async Task<DbConnection> OpenReadAsync()
    {
        if (_postgres is not null)
        {
            return await _postgres.OpenConnectionAsync();
        }

        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work)
    {
        if (_sqlite)
        {
            await _sqliteWriter.WaitAsync();
            try
            {
                return await InTransactionAsync(_sqliteWrite!, work);
            }
            finally
            {
                _sqliteWriter.Release();
            }
        }

        await using var connection = await _postgres!.OpenConnectionAsync();
        return await InTransactionAsync(connection, work);
    }

    /// <summary>Rolls back and remembers it, so the transaction is not then committed (Npgsql refuses a commit after a rollback).</summary>
    private async Task RollBackAsync(DbTransaction transaction)
    {
        await transaction.RollbackAsync();
        _rolledBack.TryAdd(transaction, 0);
    }

    private async Task<T> InTransactionAsync<T>(DbConnection connection, Func<DbConnection, DbTransaction, Task<T>> work)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var result = await work(connection, transaction);
        if (!_rolledBack.TryRemove(transaction, out _))
        {
            await transaction.CommitAsync();
        }

        return result;
    }
}
