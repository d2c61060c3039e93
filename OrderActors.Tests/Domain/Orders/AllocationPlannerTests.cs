using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using OrderActors.Grains.Stock;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class AllocationPlannerTests
{
    // The seed article's rules: Jiangsu/Zhejiang/Shanghai ship from Suzhou except folding basins, which always ship from Shenzhen.
    private static readonly AllocationRules Rules = new()
    {
        Rules =
        [
            new AllocationRule { Warehouse = "SZX", Categories = ["折叠盆"] },
            new AllocationRule { Warehouse = "SUZ", Provinces = ["江苏省", "浙江省", "上海市"], ExcludeCategories = ["折叠盆"] },
            new AllocationRule { Warehouse = "TSN", Provinces = ["北京市", "天津市", "河北省"] },
        ],
    };

    private static readonly OrderLineView Cup = new("CUP", 2, 10m, "杯子");
    private static readonly OrderLineView Basin = new("BASIN", 1, 30m, "折叠盆");

    [Fact]
    public void Plan_JiangsuOrderWithStockInSuzhou_ChoosesSuzhou()
    {
        var stock = Stock(("CUP", "SUZ", 5), ("CUP", "TSN", 50));

        var plan = AllocationPlanner.Plan([Cup], Address, "own", [], Rules, stock);

        Assert.Equal("SUZ", plan.SingleWarehouse);
    }

    [Fact]
    public void Plan_CategoryRuleBeforeProvinceRule_SendsBasinToShenzhenAndSplits()
    {
        var stock = Stock(("CUP", "SUZ", 5), ("BASIN", "SZX", 5), ("BASIN", "SUZ", 5));

        var plan = AllocationPlanner.Plan([Cup, Basin], Address, "own", [], Rules, stock);

        Assert.Null(plan.SingleWarehouse);
        Assert.Equal("SZX", plan.WarehouseBySku["BASIN"]);
        Assert.Equal("SUZ", plan.WarehouseBySku["CUP"]);
        Assert.Equal(["SUZ", "SZX"], plan.Warehouses);
    }

    [Fact]
    public void Plan_RuleWarehouseOutOfStock_FallsBackToWarehouseWithStock()
    {
        var stock = Stock(("CUP", "SUZ", 1), ("CUP", "TSN", 9));

        var plan = AllocationPlanner.Plan([Cup], Address, "own", [], Rules, stock);

        Assert.Equal("TSN", plan.SingleWarehouse);
    }

    [Fact]
    public void Plan_FallbackPrefersAWarehouseThatShipsEverything()
    {
        var noRules = new AllocationRules();
        var stock = Stock(("CUP", "A", 100), ("CUP", "B", 5), ("BASIN", "B", 5));

        var plan = AllocationPlanner.Plan([Cup, Basin], Address, "own", [], noRules, stock);

        Assert.Equal("B", plan.SingleWarehouse);
    }

    [Fact]
    public void Plan_SameSkuOnTwoLines_NeedsTheSum()
    {
        var stock = Stock(("CUP", "SUZ", 3), ("CUP", "TSN", 4));

        var plan = AllocationPlanner.Plan([Cup, Cup], Address, "own", [], Rules, stock);

        Assert.Equal("TSN", plan.SingleWarehouse);
    }

    [Fact]
    public void Plan_NoWarehouseHasTheStock_ReportsUnshippable()
    {
        var stock = Stock(("CUP", "SUZ", 1));

        var plan = AllocationPlanner.Plan([Cup], Address, "own", [], Rules, stock);

        Assert.Equal(["CUP"], plan.Unshippable);
        Assert.Null(plan.SingleWarehouse);
    }

    [Fact]
    public void Plan_ChannelAndTagRules_MatchOnlyTheirOrders()
    {
        var rules = new AllocationRules
        {
            Rules = [new AllocationRule { Warehouse = "VIP", Tags = ["vip"] }, new AllocationRule { Warehouse = "JDW", Channels = ["jd"] }],
        };
        var stock = Stock(("CUP", "VIP", 9), ("CUP", "JDW", 9), ("CUP", "ZZZ", 9));

        var vip = AllocationPlanner.Plan([Cup], Address, "taobao", ["vip"], rules, stock);
        var jd = AllocationPlanner.Plan([Cup], Address, "jd", [], rules, stock);

        Assert.Equal("VIP", vip.SingleWarehouse);
        Assert.Equal("JDW", jd.SingleWarehouse);
    }

    private static Dictionary<string, IReadOnlyList<WarehouseStockView>> Stock(params (string Sku, string Warehouse, int Available)[] rows) =>
        rows.GroupBy(r => r.Sku).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<WarehouseStockView>)g.Select(r => new WarehouseStockView(r.Warehouse, r.Available, 0, r.Available)).ToList());
}
