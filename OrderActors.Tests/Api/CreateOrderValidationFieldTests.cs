using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// Well-formed lines skip the per-field checks (whose field names were built for every line); a malformed line must still
/// get exactly the errors it got before, field by field.
/// </summary>
public sealed class CreateOrderValidationFieldTests
{
    [Fact]
    public async Task ToCommandAsync_MalformedLinesBesideWellFormedOnes_ReportsEveryFieldAsBefore()
    {
        var request = Request("W-1/2",
            new OrderLineInput("SKU-1", 1, 20m),
            new OrderLineInput(" ", 1, 20m),
            new OrderLineInput(new string('S', 65), 1, 20m),
            new OrderLineInput("SKU-3", 0, 20m),
            new OrderLineInput("SKU-4", 100_000_001, 20m),
            new OrderLineInput("SKU-5", 2, -0.01m),
            new OrderLineInput("SKU-6", null, null),
            new OrderLineInput(new string('S', 64), 100_000_000, 0m));

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => CreateOrderValidation.ToCommandAsync(request, "key:test", null!, new KnownSkuCache()));

        var expected = new Dictionary<string, string[]>
        {
            ["externalOrderNo"] = ["may contain only letters, digits, '-', '_' and '.'"],
            ["lines[1].sku"] = ["is required"],
            ["lines[2].sku"] = ["must be at most 64 characters"],
            ["lines[3].quantity"] = ["must be positive"],
            ["lines[4].quantity"] = ["must be at most 100000000"],
            ["lines[5].unitPrice"] = ["must not be negative"],
            ["lines[6].quantity"] = ["is required"],
            ["lines[6].unitPrice"] = ["is required"],
        };
        Assert.Equal(expected.OrderBy(e => e.Key), error.Errors.OrderBy(e => e.Key));
    }

    [Theory]
    [InlineData("A-1_b.2")]
    [InlineData("x")]
    public async Task ToCommandAsync_OrderNumberOfAllowedCharacters_IsNotAnError(string number)
    {
        var request = Request(number, new OrderLineInput("SKU-1", 0, 20m));

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => CreateOrderValidation.ToCommandAsync(request, "key:test", null!, new KnownSkuCache()));

        Assert.Equal(["lines[0].quantity"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("A 1")]
    [InlineData("订单1")]
    [InlineData("A+1")]
    public async Task ToCommandAsync_OrderNumberWithOtherCharacters_IsAnError(string number)
    {
        var request = Request(number, new OrderLineInput("SKU-1", 1, 20m));

        var error = await Assert.ThrowsAsync<RequestValidationException>(() => CreateOrderValidation.ToCommandAsync(request, "key:test", null!, new KnownSkuCache()));

        Assert.Equal(["externalOrderNo"], error.Errors.Keys);
    }

    private static CreateOrderRequest Request(string number, params OrderLineInput[] lines) =>
        new(number, new CustomerInput("张三", "13812345678"), new AddressInput("浙江省", "杭州市", "西湖区", "文三路 100 号"), lines);
}
