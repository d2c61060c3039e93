using System.Text.Json;
using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary><c>customers show</c> and <c>customers list</c>, run as a process against the silo run as a process.</summary>
public sealed class CliCustomerTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task CustomersShow_PhoneInAnotherFormat_PrintsTheCustomerWithTheirOrders()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-CC1", new StockReceiptRequest("SZ", 10));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("CC-1", "SKU-CC1", 2, 15m, phone: "13700000011"));

        var result = await CliProcess.RunAsync(silo, "customers", "show", "+86 137-0000-0011", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var customer = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal("13700000011", customer.GetProperty("phone").GetString());
        Assert.Equal(30m, customer.GetProperty("totalSpend").GetDecimal());
        Assert.Equal("own-CC-1", customer.GetProperty("orders")[0].GetProperty("orderId").GetString());
    }

    [Fact]
    public async Task CustomersList_HighValue_ListsOnlyThatCustomer()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-CC2", new StockReceiptRequest("SZ", 10));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("CC-2", "SKU-CC2", 1, 2000m, phone: "13700000012"));
        await silo.Admin.Orders.CreateAsync(Checkouts.For("CC-3", "SKU-CC2", 1, 10m, phone: "13700000013"));

        var result = await CliProcess.RunAsync(silo, "customers", "list", "--tag", "high_value", "--json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var phones = JsonDocument.Parse(result.Out).RootElement.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("phone").GetString()).ToList();
        Assert.Contains("13700000012", phones);
        Assert.DoesNotContain("13700000013", phones);
    }

    [Fact]
    public async Task CustomersShow_PhoneNoOrderNamed_ExitsOneSayingSo()
    {
        var result = await CliProcess.RunAsync(silo, "customers", "show", "13700000099");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.EndsWith("(404 customer.not_found).", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
