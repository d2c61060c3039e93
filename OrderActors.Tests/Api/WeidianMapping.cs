using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>A channel that exists only as configuration ("weidian"): its webhook mapping, with the buyer's name read from <c>namePath</c>.</summary>
internal static class WeidianMapping
{
    public static ChannelMappingDocument Create(string namePath = "buyer.nick") => new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            ["externalOrderNo"] = new() { Path = "order.no" },
            ["customerName"] = new() { Path = namePath },
            ["phone"] = new() { Path = "buyer.tel" },
            ["province"] = new() { Path = "buyer.prov" },
            ["city"] = new() { Path = "buyer.city" },
            ["district"] = new() { Path = "buyer.area" },
            ["addressDetail"] = new() { Path = "buyer.addr" },
            ["paid"] = new() { Path = "order.state", TrueWhen = ["PAID"] },
            ["paidAmount"] = new() { Path = "order.cents", Scale = 0.01m },
        },
        Lines = new() { Path = "order.items", Sku = new() { Path = "code" }, Quantity = new() { Path = "n" }, UnitPrice = new() { Path = "cents", Scale = 0.01m } },
    };
}
