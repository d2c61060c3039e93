using OrderActors.Client.Contracts;
using static OrderActors.Api.Channels.CanonicalFields;

namespace OrderActors.Api.Channels;

/// <summary>
/// The built-in mappings of the six channels (version 0). They are only defaults: <c>PUT /api/channels/{channel}/mapping</c>
/// replaces them, and any other channel is just another mapping document.
/// </summary>
public static class DefaultChannelMappings
{
    public static IReadOnlyList<string> Channels { get; } = ["taobao", "jd", "pdd", "douyin", "shopify", "own"];

    public static ChannelMappingDocument? For(string channel) => channel switch
    {
        "taobao" => Taobao,
        "jd" => Jd,
        "pdd" => Pinduoduo,
        "douyin" => Douyin,
        "shopify" => Shopify,
        "own" => Own,
        _ => null,
    };

    /// <summary>Taobao/Tmall trade (taobao.trade.fullinfo.get): amounts in yuan as strings, times in UTC+8.</summary>
    public static ChannelMappingDocument Taobao { get; } = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            [ExternalOrderNo] = P("tid"),
            [CustomerName] = P("receiver_name"),
            [Phone] = new() { Paths = ["receiver_mobile", "receiver_phone"] },
            [Province] = P("receiver_state"),
            [City] = P("receiver_city"),
            [District] = P("receiver_district"),
            [AddressDetail] = P("receiver_address"),
            [PaidAmount] = P("payment"),
            [Paid] = P("pay_time"),
            [PaidAt] = P("pay_time"),
            [BuyerNote] = P("buyer_message"),
            [Cancelled] = new() { Path = "status", TrueWhen = ["TRADE_CLOSED_BY_TAOBAO"] },
            [ModifiedAt] = P("modified"),
            [Promotions] = P("promotion_details.promotion_detail[*].promotion_name"),
            // A deposit presale (定金预售) is a step trade: any of its steps' statuses marks it.
            [Presale] = new() { Path = "step_trade_status", TrueWhen = ["FRONT_NOPAID_FINAL_NOPAID", "FRONT_PAID_FINAL_NOPAID", "FRONT_PAID_FINAL_PAID"] },
        },
        Lines = new() { Path = "orders", Sku = P("outer_sku_id"), Quantity = P("num"), UnitPrice = P("price") },
    };

    /// <summary>JD (jingdong.pop.order.get): consignee in <c>consigneeInfo</c>, paid once the order waits for stock-out.</summary>
    public static ChannelMappingDocument Jd { get; } = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            [ExternalOrderNo] = P("orderId"),
            [CustomerName] = P("consigneeInfo.fullname"),
            [Phone] = new() { Paths = ["consigneeInfo.mobile", "consigneeInfo.telephone"] },
            [Province] = P("consigneeInfo.province"),
            [City] = P("consigneeInfo.city"),
            [District] = P("consigneeInfo.county"),
            [AddressDetail] = P("consigneeInfo.fullAddress"),
            [PaidAmount] = P("orderPayment"),
            [Paid] = new() { Path = "orderState", TrueWhen = ["WAIT_SELLER_STOCK_OUT", "WAIT_GOODS_RECEIVE_CONFIRM", "FINISHED_L"] },
            [PaidAt] = P("paymentConfirmTime"),
            [BuyerNote] = P("orderRemark"),
            [Cancelled] = new() { Path = "orderState", TrueWhen = ["TRADE_CANCELED"] },
            [ModifiedAt] = P("modified"),
        },
        Lines = new() { Path = "itemInfoList", Sku = P("outerSkuId"), Quantity = P("itemTotal"), UnitPrice = P("jdPrice") },
    };

    /// <summary>Pinduoduo (pdd.order.information.get): amounts in yuan.</summary>
    public static ChannelMappingDocument Pinduoduo { get; } = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            [ExternalOrderNo] = P("order_sn"),
            [CustomerName] = P("receiver_name"),
            [Phone] = P("receiver_phone"),
            [Province] = P("province"),
            [City] = P("city"),
            [District] = P("town"),
            [AddressDetail] = P("address"),
            [PaidAmount] = P("pay_amount"),
            [Paid] = P("pay_time"),
            [PaidAt] = P("pay_time"),
            [BuyerNote] = P("buyer_memo"),
            [ModifiedAt] = P("updated_at"),
        },
        Lines = new() { Path = "item_list", Sku = P("outer_id"), Quantity = P("goods_count"), UnitPrice = P("goods_price") },
    };

    /// <summary>Douyin shop (order.orderDetail): amounts in fen (scaled to yuan), pay time in Unix seconds, address as an object.</summary>
    public static ChannelMappingDocument Douyin { get; } = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            [ExternalOrderNo] = P("order_id"),
            [CustomerName] = P("post_receiver"),
            [Phone] = P("post_tel"),
            [Province] = P("post_addr.province.name"),
            [City] = P("post_addr.city.name"),
            [District] = P("post_addr.town.name"),
            [AddressDetail] = new() { Paths = ["post_addr.detail", "post_addr"] },
            [PaidAmount] = new() { Path = "pay_amount", Scale = 0.01m },
            [Paid] = P("pay_time"),
            [PaidAt] = P("pay_time"),
            [BuyerNote] = P("buyer_words"),
            [Cancelled] = new() { Path = "order_status", TrueWhen = ["4"] },
            [ModifiedAt] = P("update_time"),
        },
        Lines = new()
        {
            Path = "sku_order_list",
            Sku = P("out_sku_id"),
            Quantity = P("item_num"),
            UnitPrice = new() { Path = "price", Scale = 0.01m },
        },
    };

    /// <summary>
    /// Shopify <c>orders/create</c> and <c>orders/updated</c>: paid when <c>financial_status</c> is <c>paid</c>, refunded
    /// when it is <c>refunded</c>, refunded in part when it is <c>partially_refunded</c>.
    /// </summary>
    public static ChannelMappingDocument Shopify { get; } = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            [ExternalOrderNo] = P("id"),
            [CustomerName] = new() { Paths = ["shipping_address.name", "customer.first_name"] },
            [Phone] = new() { Paths = ["shipping_address.phone", "phone", "customer.phone"] },
            [Province] = P("shipping_address.province"),
            [City] = P("shipping_address.city"),
            [AddressDetail] = new() { Paths = ["shipping_address.address1", "shipping_address.address2"], Join = " " },
            [PaidAmount] = P("total_price"),
            [Paid] = new() { Path = "financial_status", TrueWhen = ["paid", "partially_refunded"] },
            [PaidAt] = P("processed_at"),
            [BuyerNote] = P("note"),
            [Cancelled] = P("cancelled_at"),
            [Refunded] = new() { Path = "financial_status", TrueWhen = ["refunded"] },
            [PartiallyRefunded] = new() { Path = "financial_status", TrueWhen = ["partially_refunded"] },
            [ModifiedAt] = P("updated_at"),
            [Promotions] = P("discount_codes[*].code"),
            [Tags] = new() { Path = "tags", Join = "," },
        },
        Lines = new() { Path = "line_items", Sku = P("sku"), Quantity = P("quantity"), UnitPrice = P("price") },
    };

    /// <summary>The seller's own storefront: already canonical.</summary>
    public static ChannelMappingDocument Own { get; } = new()
    {
        Fields = new Dictionary<string, FieldMapping>
        {
            [ExternalOrderNo] = P("externalOrderNo"),
            [CustomerName] = P("customer.name"),
            [Phone] = P("customer.phone"),
            [Province] = P("address.province"),
            [City] = P("address.city"),
            [District] = P("address.district"),
            [AddressDetail] = P("address.detail"),
            [PaidAmount] = P("paidAmount"),
            [Paid] = P("paid"),
            [PaidAt] = P("paidAt"),
            [BuyerNote] = P("buyerNote"),
            [Cancelled] = P("cancelled"),
            [ModifiedAt] = P("updatedAt"),
            [Promotions] = P("promotions"),
            [Tags] = P("tags"),
            [Presale] = P("presale"),
        },
        Lines = new() { Path = "lines", Sku = P("sku"), Quantity = P("quantity"), UnitPrice = P("unitPrice") },
    };

    private static FieldMapping P(string path) => new() { Path = path };
}
