using OrderActors.Cli;
using OrderActors.Cli.Import;

namespace OrderActors.Tests.Cli;

public sealed class ImportPlanTests
{
    [Fact]
    public void From_RowsOfOneOrderNumber_GroupsThemIntoOneOrderWithALinePerRow()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", "2"), TaobaoCsv.Row("1001", "SKU-B", "1"), TaobaoCsv.Row("1002", "SKU-A", "3")]), HeaderMap.Taobao);

        var plan = ImportPlan.From(file.Rows);

        Assert.Equal(["1001", "1002"], plan.Orders.Select(o => o.OrderNo));
        Assert.Equal(["SKU-A", "SKU-B"], plan.Orders[0].Rows.Select(r => r.Get(ImportField.Sku)));
        Assert.Empty(plan.Rejections);
        Assert.Empty(plan.DuplicateRows);
    }

    [Fact]
    public void From_ARowRepeatedExactly_CountsItAsDuplicateNotAsASecondLine()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", "2"), TaobaoCsv.Row("1001", "SKU-A", "2")]), HeaderMap.Taobao);

        var plan = ImportPlan.From(file.Rows);

        var order = Assert.Single(plan.Orders);
        Assert.Single(order.Rows);
        Assert.Equal(3, Assert.Single(plan.DuplicateRows).Line);
    }

    [Theory]
    [InlineData("0", "quantity '0' is not a positive whole number")]
    [InlineData("abc", "quantity 'abc' is not a positive whole number")]
    [InlineData("-2", "quantity '-2' is not a positive whole number")]
    [InlineData("1.5", "quantity '1.5' is not a positive whole number")]
    public void From_ABadQuantity_RejectsTheRowWithTheReason(string quantity, string reason)
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", quantity)]), HeaderMap.Taobao);

        var plan = ImportPlan.From(file.Rows);

        Assert.Empty(plan.Orders);
        var rejection = Assert.Single(plan.Rejections);
        Assert.Equal(reason, rejection.Reason);
        Assert.Equal("1001", rejection.OrderNo);
    }

    [Fact]
    public void From_RowsOfOneOrderDisagreeingOnThePhone_RejectsTheWholeOrder()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", "1", phone: "13800138000"), TaobaoCsv.Row("1001", "SKU-B", "1", phone: "13900139000"), TaobaoCsv.Row("1002", "SKU-A", "1")]), HeaderMap.Taobao);

        var plan = ImportPlan.From(file.Rows);

        Assert.Equal("1002", Assert.Single(plan.Orders).OrderNo);
        var rejection = Assert.Single(plan.Rejections);
        Assert.Equal(2, rejection.Rows.Count);
        Assert.StartsWith("rows of this order disagree on phone", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void From_OneBadLineOfAnOrder_RejectsTheWholeOrderNotJustThatLine()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", "1"), TaobaoCsv.Row("1001", "SKU-B", "x"), TaobaoCsv.Row("1002", "SKU-A", "1")]), HeaderMap.Taobao);

        var plan = ImportPlan.From(file.Rows);

        Assert.Equal("1002", Assert.Single(plan.Orders).OrderNo);
        Assert.Equal(
            [(3, "quantity 'x' is not a positive whole number"), (2, "line 3 of this order was rejected: quantity 'x' is not a positive whole number")],
            plan.Rejections.Select(r => (r.Rows[0].Line, r.Reason)));
    }

    [Fact]
    public void From_AMissingSkuOrOrderNumber_RejectsThatRowOnly()
    {
        var file = CsvFile.Read(TaobaoCsv.Write([TaobaoCsv.Row("1001", "", "1"), TaobaoCsv.Row("", "SKU-A", "1"), TaobaoCsv.Row("1003", "SKU-A", "1")]), HeaderMap.Taobao);

        var plan = ImportPlan.From(file.Rows);

        Assert.Equal("1003", Assert.Single(plan.Orders).OrderNo);
        Assert.Equal(["SKU is missing", "order number is missing"], plan.Rejections.Select(r => r.Reason));
    }

    [Fact]
    public void Read_AFileWithoutTheSkuColumn_IsAUsageErrorNamingTheHeadersItAccepts()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-sku-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "订单编号,宝贝数量\n1001,1\n");

        var error = Assert.Throws<CliUsageException>(() => CsvFile.Read(path, HeaderMap.Taobao));

        Assert.Contains("sku (one of: 商家编码", error.Message, StringComparison.Ordinal);
        Assert.Contains("--columns", error.Message, StringComparison.Ordinal);
    }
}
