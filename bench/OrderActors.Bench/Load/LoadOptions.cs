namespace OrderActors.Bench.Load;

/// <summary>What one load run does: the scenario, the server it runs against, and its bounds.</summary>
public sealed record LoadOptions
{
    /// <summary><c>intake</c>, <c>flash-sale</c>, <c>holds</c> or <c>webhook-storm</c>.</summary>
    public required string Scenario { get; init; }

    /// <summary><c>actors</c> (the OrderActors silo) or <c>baseline</c> (the plain-SQL server).</summary>
    public string Target { get; init; } = "actors";

    /// <summary>
    /// <c>sqlite</c>, <c>postgres</c>, or <c>memory</c>: no database at all (the silo's in-memory storage; the baseline
    /// server's <c>MemoryBaselineStore</c>), which measures the servers with durability taken out.
    /// </summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>Admin connection string of a PostgreSQL server that may CREATE DATABASE (postgres only).</summary>
    public string? PostgresAdmin { get; init; }

    /// <summary>Requests (orders, checkout attempts, deliveries) the scenario sends.</summary>
    public int Requests { get; init; } = 10_000;

    /// <summary>Concurrent requests in flight (closed loop).</summary>
    public int Concurrency { get; init; } = 64;

    /// <summary>
    /// Arrivals per second: request i is not sent before start + i / rate (still at most <see cref="Concurrency"/> in
    /// flight). Null: as fast as the server answers (closed loop).
    /// </summary>
    public double? Rate { get; init; }

    /// <summary>The run stops sending after this long even if requests remain.</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Operations sent before the measured run, on keys of their own (SKUs, orders, buyers, deliveries), so the server's
    /// JIT and pools are warm when measuring starts; counted in no figure and no check but the server's own ledger check.
    /// 0: the measured run starts on a freshly started server.
    /// </summary>
    public int Warmup { get; init; }

    /// <summary>The warm-up stops sending after this long even if warm-up operations remain.</summary>
    public TimeSpan WarmupMaxDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After the warm-up's operations, the longest wait, the server idle, for its tier-1 JIT thread to fall quiet.</summary>
    public TimeSpan WarmupSettleLimit { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Kill the server with SIGKILL half-way, restart it, finish the scenario, then check.</summary>
    public bool Crash { get; init; }

    /// <summary>
    /// With <see cref="Crash"/> (webhook storm only): deliveries the kill left unanswered are never sent again, as by a
    /// marketplace that gives up; the ledger repair runs instead, and the checks expect it to leave the books exact.
    /// </summary>
    public bool NoResend { get; init; }

    /// <summary>SKUs of the intake, holds and webhook scenarios.</summary>
    public int Skus { get; init; } = 1000;

    /// <summary>Units of the flash-sale SKU.</summary>
    public int Units { get; init; } = 10_000;

    /// <summary>
    /// Payment hold configured on the silo as <c>OrderActors:Orders:PaymentHold</c> (the holds scenario); null keeps the
    /// silo's default (30 min), so unpaid flash-sale orders do not expire and release their stock during the run.
    /// </summary>
    public TimeSpan? Hold { get; init; }

    /// <summary>Share of webhook deliveries that are redeliveries of an earlier one.</summary>
    public double Redeliver { get; init; } = 0.2;

    /// <summary>Share of webhook deliveries with a bad signature.</summary>
    public double BadSignature { get; init; } = 0.05;

    /// <summary>Seed of the scenario's random choices, so a run can be repeated.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>At most this many acknowledged orders are read back after the run (a fixed-seed sample above it).</summary>
    public int VerifyMax { get; init; } = int.MaxValue;

    /// <summary>Keep the run's database and server log (default: deleted after the run).</summary>
    public bool KeepData { get; init; }

    /// <summary>The silo's DLL (default: found beside the bench or in the repository).</summary>
    public string? SiloDll { get; init; }

    /// <summary>The marketplace's clock: the payment time the webhook storm's orders carry.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Extra configuration for the server (<c>key=value</c>, passed as <c>--key=value</c>).</summary>
    public IReadOnlyList<string> ServerSettings { get; init; } = [];
}
