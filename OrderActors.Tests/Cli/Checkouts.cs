using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>Own-store checkouts for client and CLI tests.</summary>
public static class Checkouts
{
    public static CreateOrderRequest For(string externalOrderNo, string sku, int quantity, decimal unitPrice = 20m, string phone = "13800138000") => new(
        externalOrderNo,
        new CustomerInput("张三", phone),
        new AddressInput("浙江省", "杭州市", "西湖区", "文三路 100号"),
        [new OrderLineInput(sku, quantity, unitPrice)]);
}
