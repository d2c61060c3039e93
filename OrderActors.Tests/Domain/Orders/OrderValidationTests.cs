using OrderActors.Grains;
using OrderActors.Grains.Orders;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderValidationTests
{
    public static TheoryData<string, string, string> BadOrders => new()
    {
        { "negative quantity", "validation.out_of_range", "lines[1].quantity" },
        { "no lines", "validation.required", "lines" },
        { "no sku", "validation.required", "lines[0].sku" },
        { "negative price", "validation.out_of_range", "lines[0].unitPrice" },
        { "no phone", "validation.required", "customer.phone" },
        { "bad channel", "validation.invalid", "channel" },
        { "bad payment method", "validation.invalid", "paymentMethod" },
    };

    [Theory]
    [MemberData(nameof(BadOrders))]
    public void Validate_BadField_ThrowsValidationNamingTheField(string bad, string code, string field)
    {
        var order = bad switch
        {
            "negative quantity" => Order(lines: [new OrderLineRequest("A", 1, 1m), new OrderLineRequest("B", -2, 1m)]),
            "no lines" => Order() with { Lines = [] },
            "no sku" => Order(lines: new OrderLineRequest(" ", 1, 1m)),
            "negative price" => Order(lines: new OrderLineRequest("A", 1, -1m)),
            "no phone" => Order() with { Customer = new CustomerContact("x", "") },
            "bad channel" => Order() with { Channel = "Tao Bao" },
            _ => Order() with { PaymentMethod = "iou" },
        };

        var error = Assert.Throws<DomainException>(() => OrderValidation.Validate(order));

        Assert.Equal((code, field, DomainErrorKind.Validation), (error.Code, error.Field, error.Kind));
    }

    [Fact]
    public void Validate_WellFormedOrder_Passes()
    {
        var order = Order();

        var error = Record.Exception(() => OrderValidation.Validate(order));

        Assert.Null(error);
    }
}
