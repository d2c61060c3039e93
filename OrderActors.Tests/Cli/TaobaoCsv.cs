using System.Text;

namespace OrderActors.Tests.Cli;

/// <summary>Taobao back-office order exports as files: Chinese headers, order numbers wrapped as <c>="…"</c>, one row per line item.</summary>
public static class TaobaoCsv
{
    public const string Header = "订单编号,买家会员名,收货人姓名,联系手机,收货地址,商家编码,宝贝数量,宝贝单价,实付金额,付款时间,买家留言";

    public static string Row(string orderNo, string sku, string quantity, string phone = "13800138000", string address = "浙江省 杭州市 西湖区 文三路 100号", string price = "49.50", string paid = "99.00", string paidAt = "2026-11-20 10:00:00", string note = "") =>
        $"=\"{orderNo}\",buyer{orderNo},张三,{phone},{address},{sku},{quantity},{price},{paid},{paidAt},{note}";

    public static string Write(IEnumerable<string> rows, Encoding? encoding = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "orderactors-tests", "csv");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"taobao-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", rows.Prepend(Header)) + "\n", encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
