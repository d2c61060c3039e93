using System.Text;
using OrderActors.Cli.Import;

namespace OrderActors.Tests.Cli;

public sealed class CsvReadingTests
{
    [Theory]
    [InlineData("=\"3301000001\"", "3301000001")]
    [InlineData("'3301000001", "3301000001")]
    [InlineData("\t3301000001 ", "3301000001")]
    [InlineData("\uFEFF订单编号", "订单编号")]
    [InlineData("plain", "plain")]
    public void Clean_SpreadsheetProtectedCells_GivesTheValue(string cell, string expected)
    {
        var value = CsvValue.Clean(cell);

        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("浙江省 杭州市 西湖区 文三路 100号", "浙江省", "杭州市", "西湖区", "文三路 100号")]
    [InlineData("浙江省杭州市西湖区文三路100号", "浙江省", "杭州市", "西湖区", "文三路100号")]
    [InlineData("北京市朝阳区建国路88号", "北京市", "北京市", "朝阳区", "建国路88号")]
    [InlineData("广西壮族自治区南宁市青秀区民族大道1号", "广西壮族自治区", "南宁市", "青秀区", "民族大道1号")]
    public void Split_AOneCellAddress_FindsProvinceCityDistrictAndDetail(string address, string province, string city, string district, string detail)
    {
        var parts = AddressSplitter.Split(address);

        Assert.Equal((province, city, district, detail), parts);
    }

    [Fact]
    public void Read_AGbkEncodedExport_DecodesTheChineseHeaders()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = TaobaoCsv.Write([TaobaoCsv.Row("1001", "SKU-A", "2")], Encoding.GetEncoding("GB18030"));

        var file = CsvFile.Read(path, HeaderMap.Taobao);

        var row = Assert.Single(file.Rows);
        Assert.Equal("1001", row.Get(ImportField.OrderNo));
        Assert.Equal("张三", row.Get(ImportField.CustomerName));
        Assert.Equal("浙江省 杭州市 西湖区 文三路 100号", row.Get(ImportField.Address));
    }

    [Fact]
    public void WithOverrides_AColumnsFile_MapsCustomHeaders()
    {
        var map = HeaderMap.Generic.WithOverrides("""{"externalOrderNo": "Order ID", "sku": ["Item code"], "quantity": "Qty"}""");

        var columns = map.Resolve(["Qty", "Order ID", "Item code", "phone"]);

        Assert.Equal(1, columns[ImportField.OrderNo]);
        Assert.Equal(2, columns[ImportField.Sku]);
        Assert.Equal(0, columns[ImportField.Quantity]);
        Assert.Equal(3, columns[ImportField.Phone]);
    }

    [Fact]
    public void WithOverrides_AnUnknownField_IsAUsageError()
    {
        var error = Assert.Throws<OrderActors.Cli.CliUsageException>(() => HeaderMap.Generic.WithOverrides("""{"orderNumber": "Order ID"}"""));

        Assert.Contains("'orderNumber', which is not a field", error.Message, StringComparison.Ordinal);
    }
}
