namespace OrderActors.Tests.Api;

/// <summary>One realistic order payload per channel, with the platforms' real field names.</summary>
internal static class ChannelPayloads
{
    public static string Taobao(string tid = "3456789012345", string sku = "SKU-TB", int num = 2) => $$"""
        {"tid": "{{tid}}", "status": "WAIT_SELLER_SEND_GOODS", "receiver_name": "张三", "receiver_mobile": "13812345678",
         "receiver_state": "浙江省", "receiver_city": "杭州市", "receiver_district": "西湖区", "receiver_address": "文三路 100 号",
         "payment": "199.00", "pay_time": "2026-11-21 10:15:00", "buyer_message": "请尽快发货",
         "orders": [{"oid": "1", "outer_sku_id": "{{sku}}", "num": {{num}}, "price": "99.50"}]}
        """;

    public static string Jd(string orderId = "287654321", string sku = "SKU-JD", int quantity = 1) => $$"""
        {"orderId": "{{orderId}}", "orderState": "WAIT_SELLER_STOCK_OUT", "orderPayment": "59.90", "paymentConfirmTime": "2026-11-21 11:00:00",
         "consigneeInfo": {"fullname": "李四", "mobile": "13900001111", "province": "北京", "city": "北京市", "county": "朝阳区", "fullAddress": "北京朝阳区建国路 1 号"},
         "itemInfoList": [{"skuId": "100", "outerSkuId": "{{sku}}", "itemTotal": "{{quantity}}", "jdPrice": "59.90"}]}
        """;

    public static string Pinduoduo(string orderSn = "231121-123456789", string sku = "SKU-PDD", int count = 3) => $$"""
        {"order_sn": "{{orderSn}}", "receiver_name": "王五", "receiver_phone": "13700002222", "province": "广东省", "city": "深圳市",
         "town": "南山区", "address": "科技园 8 栋", "pay_amount": 30.0, "pay_time": "2026-11-21 12:00:00",
         "item_list": [{"goods_id": 1, "outer_id": "{{sku}}", "goods_count": {{count}}, "goods_price": 10.0}]}
        """;

    public static string Douyin(string orderId = "4987654321", string sku = "SKU-DY", int count = 1) => $$"""
        {"order_id": "{{orderId}}", "post_receiver": "赵六", "post_tel": "13600003333",
         "post_addr": {"province": {"name": "四川省", "id": "51"}, "city": {"name": "成都市"}, "town": {"name": "武侯区"}, "detail": "天府大道 99 号"},
         "pay_amount": 12990, "pay_time": 1763700000,
         "sku_order_list": [{"out_sku_id": "{{sku}}", "item_num": {{count}}, "price": 12990}]}
        """;

    public static string Shopify(long id = 820982911946154508, string sku = "SKU-SH", int quantity = 1, string financialStatus = "paid", string? cancelledAt = null) => $$"""
        {"id": {{id}}, "name": "#1001", "phone": null, "financial_status": "{{financialStatus}}", "cancelled_at": {{(cancelledAt is null ? "null" : "\"" + cancelledAt + "\"")}}, "total_price": "25.00", "note": null,
         "processed_at": "2026-11-21T09:00:00+08:00",
         "shipping_address": {"name": "Chen Qi", "phone": "+86 135-0000-4444", "province": "Shanghai", "city": "Shanghai", "address1": "1 Century Ave", "address2": "Floor 2", "zip": "200120"},
         "line_items": [{"id": 1, "sku": "{{sku}}", "quantity": {{quantity}}, "price": "25.00"}]}
        """;

    public static string Own(string externalOrderNo = "W-1001", string sku = "SKU-OWN", int quantity = 1) => $$"""
        {"externalOrderNo": "{{externalOrderNo}}", "customer": {"name": "Sun Ba", "phone": "13500005555"},
         "address": {"province": "江苏省", "city": "南京市", "district": "玄武区", "detail": "中山路 1 号"},
         "lines": [{"sku": "{{sku}}", "quantity": {{quantity}}, "unitPrice": 9.9}], "paid": true, "paidAmount": 9.9}
        """;
}
