using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// Text of an API body holds no control character (U+0000–U+001F, U+007F–U+009F) and no bidirectional override or
/// isolate (U+202A–U+202E, U+2066–U+2069); only free text (buyer note, reasons, comments) may break lines. A body that
/// breaks the rule is a 400 naming the field by its JSON path and changes nothing. A marketplace's order is taken all
/// the same, with those characters cleaned out of its text.
/// </summary>
public sealed class TextCharacterInputTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    private const string Sku = "TXT-1";

    public static TheoryData<string, string> BadCheckouts => new()
    {
        { "customer.name", "bell in the name" },
        { "customer.phone", "line feed in the phone" },
        { "address.city", "tab in the city" },
        { "address.detail", "right-to-left override in the detail" },
        { "lines[0].category", "C1 control in a line's category" },
        { "tags[1]", "bidirectional isolate in a tag" },
        { "buyerNote", "escape in the note" },
        { "buyerNote", "carriage return without a line feed in the note" },
    };

    [Theory]
    [MemberData(nameof(BadCheckouts))]
    public async Task Checkout_ControlOrBidiCharacterInAField_Is400NamingItsPathAndPlacesNothing(string field, string what)
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync(Sku, 5);
        var no = "TXT-" + string.Concat(what.Split(' ').Select(word => word[0]));
        var good = ApiTestHostExtensions.Checkout(no, sku: Sku);
        var request = what switch
        {
            "bell in the name" => good with { Customer = new CustomerInput("张\u0007三", "13812345678") },
            "line feed in the phone" => good with { Customer = new CustomerInput("张三", "1381234\n5678") },
            "tab in the city" => good with { Address = good.Address! with { City = "杭州\t市" } },
            "right-to-left override in the detail" => good with { Address = good.Address! with { Detail = "文三路\u202E001 号" } },
            "C1 control in a line's category" => good with { Lines = [new OrderLineInput(Sku, 1, 20m, "shoes\u0085")] },
            "bidirectional isolate in a tag" => good with { Tags = ["vip", "gift\u2066"] },
            "escape in the note" => good with { BuyerNote = "please \u001B[2J hurry" },
            _ => good with { BuyerNote = "please\rhurry" },
        };

        var response = await admin.PostAsJsonAsync("/api/orders", request);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", field);
        Assert.Equal("https://orderactors.dev/problems/request.invalid", problem.GetProperty("type").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/orders/own-{no}")).StatusCode);
        Assert.Equal(0, (await admin.GetFromJsonAsync<StockDto>($"/api/stock/{Sku}"))!.Reserved);
    }

    [Fact]
    public async Task Checkout_LineBreaksInTheNameOrInTheNote_RefusesTheNameAndKeepsTheNote()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync(Sku, 5);
        const string note = "第一行\r\n第二行\n\t请放门口";
        var good = ApiTestHostExtensions.Checkout("TXT-NOTE", sku: Sku) with { BuyerNote = note };

        var refused = await admin.PostAsJsonAsync("/api/orders", good with { Customer = new CustomerInput("张三\n李四", "13812345678") });
        var placed = await admin.PostAsJsonAsync("/api/orders", good);

        await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest, "request.invalid", "customer.name");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var order = await admin.GetOrderAsync("own-TXT-NOTE");
        Assert.Equal((note, "张三"), (order.BuyerNote, order.Customer.Name));
    }

    [Fact]
    public async Task Transitions_ControlCharacterInAReasonAnAddressPartOrAnOrderId_Are400AndTheOrderStaysAsItWas()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync(Sku, 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("TXT-T", sku: Sku))).EnsureSuccessStatusCode();
        var before = await admin.GetOrderAsync("own-TXT-T");

        var cancel = await admin.PostAsJsonAsync("/api/orders/own-TXT-T/cancel", new ReasonRequest("buyer asked\u0007"));
        var address = await admin.PatchAsJsonAsync("/api/orders/own-TXT-T/address", new AddressPatchRequest(null, "杭\n州", null, null, "moved"));
        var merge = await admin.PostAsJsonAsync("/api/orders/merge", new MergeRequest("own-TXT-T", ["own-TXT\u202E-U"]));

        await ProblemAssert.IsAsync(cancel, HttpStatusCode.BadRequest, "request.invalid", "reason");
        await ProblemAssert.IsAsync(address, HttpStatusCode.BadRequest, "request.invalid", "city");
        await ProblemAssert.IsAsync(merge, HttpStatusCode.BadRequest, "request.invalid", "otherOrderIds[0]");
        var after = await admin.GetOrderAsync("own-TXT-T");
        Assert.Equal((before.Version, "PendingPayment", before.Address), (after.Version, after.Status, after.Address));

        // A reason is free text: its line break is kept.
        var cancelled = await admin.PostAsJsonAsync("/api/orders/own-TXT-T/cancel", new ReasonRequest("buyer asked\nby phone"));

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("buyer asked\nby phone", (await admin.GetOrderAsync("own-TXT-T")).CancelReason);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoWebhook_ControlAndBidiCharactersInItsText_IsStoredWithThemCleanedOut(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-TB", 5);
        var body = ChannelPayloads.Taobao(tid: "5566778899")
            .Replace("请尽快发货", "请尽快\\u0007发货\\n谢谢\\u202E", StringComparison.Ordinal)
            .Replace("张三", "张\\t三\\u0085", StringComparison.Ordinal)
            .Replace("文三路 100 号", "文三路\\u2066 100 号\\r", StringComparison.Ordinal);

        var response = await host.PostWebhookAsync("taobao", body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var order = await admin.GetOrderAsync("taobao-5566778899");
        Assert.Equal(("请尽快 发货\n谢谢", "张 三", "文三路 100 号"), (order.BuyerNote, order.Customer.Name, order.Address.Detail));
        Assert.Equal(2, Assert.Single(order.Lines).Quantity);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TaobaoWebhook_NulInItsFreeText_IsStoredWithItCleanedOut(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-TB", 5);
        var body = ChannelPayloads.Taobao(tid: "5566778800")
            .Replace("请尽快发货", "请尽快\\u0000发货", StringComparison.Ordinal)
            .Replace("张三", "张\\u0000三", StringComparison.Ordinal)
            .Replace("杭州市", "杭州市\\u0000", StringComparison.Ordinal)
            .Replace("文三路 100 号", "文三路\\u0000100 号", StringComparison.Ordinal);

        var response = await host.PostWebhookAsync("taobao", body);

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var order = await admin.GetOrderAsync("taobao-5566778800");
        Assert.Equal(("请尽快 发货", "张 三", "杭州市", "文三路 100 号"), (order.BuyerNote, order.Customer.Name, order.Address.City, order.Address.Detail));
        Assert.Equal(2, Assert.Single(order.Lines).Quantity);
    }
}
