using System.Text.Json;
using System.Text.RegularExpressions;
using OrderActors.Cli;
using OrderActors.Client.Contracts;
using OrderActors.Client.Http;

namespace OrderActors.Tests.Cli;

/// <summary>The inspection commands run as a process against the silo run as a process over SQLite.</summary>
public sealed class CliInspectionTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task ClusterStatus_Json_ReportsTheActivationsTheTestCreated()
    {
        var skus = Enumerable.Range(1, 4).Select(i => $"SKU-CL{i}").ToList();
        foreach (var sku in skus)
        {
            await silo.Admin.Stock.ReceiveAsync(sku, new StockReceiptRequest("SZ", 10));
        }

        var orders = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            orders.Add((await silo.Admin.Orders.CreateAsync(Checkouts.For($"CL-{i}", skus[i], 1))).Id);
        }

        var result = await CliProcess.RunAsync(silo, "cluster", "status", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var status = JsonSerializer.Deserialize<ClusterStatusDto>(result.Out, ClientJson.Options)!;
        Assert.True(status.ActivationsByType["skustock"] >= skus.Count, $"skustock activations: {status.ActivationsByType["skustock"]}");
        Assert.True(status.ActivationsByType["order"] >= orders.Count, $"order activations: {status.ActivationsByType["order"]}");
        Assert.Equal(status.ActivationsByType.Values.Sum(), status.Activations);
        Assert.Equal("sqlite", status.StorageProvider);
        Assert.True(status.Storage.Commits > 0);
    }

    [Fact]
    public async Task GrainsList_TypeSku_ListsTheActiveStockGrains()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-GL1", new StockReceiptRequest("SZ", 3));
        await silo.Admin.Stock.ReceiveAsync("SKU-GL2", new StockReceiptRequest("SZ", 3));

        var result = await CliProcess.RunAsync(silo, "grains", "list", "--type", "sku", "--top", "1000", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var grains = JsonSerializer.Deserialize<List<ActivationDto>>(result.Out, ClientJson.Options)!;
        Assert.Contains("SKU-GL1", grains.Select(g => g.GrainKey));
        Assert.Contains("SKU-GL2", grains.Select(g => g.GrainKey));
        Assert.All(grains, g => Assert.Equal("skustock", g.GrainType));
    }

    [Fact]
    public async Task GrainsShow_AnOrder_ShowsItsStateAndLatestEvents()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-GS", new StockReceiptRequest("SZ", 3));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("GS-1", "SKU-GS", 2));
        await silo.Admin.Orders.PayAsync(order.Id, new PaymentRequest("pay-gs", 40m));

        var result = await CliProcess.RunAsync(silo, "grains", "show", $"order/{order.Id}", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var grain = JsonSerializer.Deserialize<GrainDetailDto>(result.Out, ClientJson.Options)!;
        Assert.Equal(("order", order.Id), (grain.GrainType, grain.GrainKey));
        Assert.Equal(["order.paid", "order.placed"], grain.LatestEvents.Take(2).Select(e => e.EventType));
        Assert.Contains("\"status\":\"Paid\"", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemindersList_DueWithinTheHold_ListsTheUnpaidOrdersReminder()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-RM", new StockReceiptRequest("SZ", 3));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("RM-1", "SKU-RM", 1));

        var within = await CliProcess.RunAsync(silo, "reminders", "list", "--due-within", "31m", "--json");
        var tooSoon = await CliProcess.RunAsync(silo, "reminders", "list", "--due-within", "1m", "--json");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (within.ExitCode, tooSoon.ExitCode));
        var due = JsonSerializer.Deserialize<List<ReminderDto>>(within.Out, ClientJson.Options)!;
        Assert.Contains(due, r => r.GrainType == "order" && r.GrainKey == order.Id && r.DueAt <= order.PaymentDueAt);
        Assert.DoesNotContain(JsonSerializer.Deserialize<List<ReminderDto>>(tooSoon.Out, ClientJson.Options)!, r => r.GrainKey == order.Id);
    }

    /// <summary>A full page of reminders said nothing about what it left out (200 shown while 8,000 were due).</summary>
    [Fact]
    public async Task RemindersList_AFullPage_SaysMoreMayBeDueAndLimitTakesMore()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-RL", new StockReceiptRequest("SZ", 5));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("RL-1", "SKU-RL", 1, phone: "13900139001"));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("RL-2", "SKU-RL", 1, phone: "13900139002"));

        var one = await CliProcess.RunAsync(silo, "reminders", "list", "--limit", "1");
        var many = await CliProcess.RunAsync(silo, "reminders", "list", "--limit", "5000", "--json");
        var bad = await CliProcess.RunAsync(silo, "reminders", "list", "--limit", "0");

        Assert.Equal(ExitCodes.Ok, one.ExitCode);
        Assert.Contains("(the first 1; more may be due", one.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, many.ExitCode);
        Assert.True(JsonSerializer.Deserialize<List<ReminderDto>>(many.Out, ClientJson.Options)!.Count >= 4, many.Out);
        Assert.Equal(ExitCodes.ApiError, bad.ExitCode);
        Assert.Contains("limit", bad.Error, StringComparison.Ordinal);
    }

    /// <summary>The exception queue showed its first page and had no way to the next.</summary>
    [Fact]
    public async Task ExceptionsList_MoreThanAPage_SaysSoAndItsCursorGetsTheRest()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-EXQ", new StockReceiptRequest("SZ", 5));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("EXQ-1", "SKU-EXQ", 1, phone: "1390013900"));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("EXQ-2", "SKU-EXQ", 1, phone: "1390013901"));

        var first = await CliProcess.RunAsync(silo, "exceptions", "list", "--code", "phone_invalid", "--limit", "1");
        var cursor = Regex.Match(first.Out, @"more: --cursor (\S+)").Groups[1].Value;
        var rest = await CliProcess.RunAsync(silo, "exceptions", "list", "--code", "phone_invalid", "--cursor", cursor, "--json");
        var bad = await CliProcess.RunAsync(silo, "exceptions", "list", "--cursor", "garbage");

        Assert.Equal(ExitCodes.Ok, first.ExitCode);
        Assert.Contains("own-EXQ-1", first.Out, StringComparison.Ordinal);
        Assert.NotEqual(string.Empty, cursor);
        Assert.Equal(ExitCodes.Ok, rest.ExitCode);
        var page = JsonSerializer.Deserialize<OrderListResponse>(rest.Out, ClientJson.Options)!;
        Assert.Equal(["own-EXQ-2"], page.Items.Select(i => i.Id));
        Assert.Null(page.NextCursor);
        Assert.Equal(ExitCodes.ApiError, bad.ExitCode);
        Assert.Contains("cursor", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerCheck_AfterOrders_IsCleanAndExitsZero()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-LC", new StockReceiptRequest("SZ", 5));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("LC-1", "SKU-LC", 2));

        var result = await CliProcess.RunAsync(silo, "ledger", "check", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var report = JsonSerializer.Deserialize<LedgerReportDto>(result.Out, ClientJson.Options)!;
        Assert.True(report.Clean);
        Assert.Empty(report.Drifts);
        Assert.True(report.SkusChecked >= 1);
    }

    [Fact]
    public async Task LedgerRepair_NothingHeldForALostOrder_ReleasesNothingAndExitsZero()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-LR", new StockReceiptRequest("SZ", 5));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("LR-1", "SKU-LR", 2));

        var result = await CliProcess.RunAsync(silo, "ledger", "repair", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var repair = JsonSerializer.Deserialize<LedgerRepairDto>(result.Out, ClientJson.Options)!;
        Assert.Empty(repair.Released);
        Assert.True(repair.Before.Clean && repair.After.Clean);
        Assert.True(repair.After.HoldingsChecked >= 1);
        Assert.Equal(2, (await silo.Admin.Stock.GetAsync("SKU-LR")).Reserved);
        Assert.Equal("PendingPayment", (await silo.Admin.Orders.GetAsync(order.Id)).Status);
    }
}
