using System.Text.Json;
using OrderActors.Api.Channels;

namespace OrderActors.Tests.Api;

public sealed class JsonPathTests
{
    private static readonly JsonElement Payload = JsonDocument.Parse("""{"trade":{"buyer":{"name":"张三"},"orders":[{"sku":"SKU-1"},{"sku":"SKU-2"}]}}""").RootElement;

    [Theory]
    [InlineData("trade.buyer.name", "张三")]
    [InlineData("trade.orders[1].sku", "SKU-2")]
    public void TryResolve_PathToAValue_ReadsIt(string path, string expected)
    {
        Assert.True(JsonPath.TryResolve(Payload, path, out var value));
        Assert.Equal(expected, value.GetString());
    }

    [Theory]
    [InlineData("trade.orders[2].sku")]
    [InlineData("trade.buyer.phone")]
    [InlineData("trade.orders[x].sku")]
    [InlineData("trade.orders[-1].sku")]
    public void TryResolve_MissingStepOrInvalidPath_IsFalse(string path)
    {
        Assert.False(JsonPath.TryResolve(Payload, path, out _));
        Assert.False(JsonPath.TryResolve(Payload, path, out _)); // the second time from the parsed-path cache
    }

    /// <summary>The parsed-path cache starts again when full: every path still resolves as it did.</summary>
    [Fact]
    public void TryResolve_MorePathsThanTheCacheKeeps_ResolvesEveryPathTheSame()
    {
        var found = 0;
        for (var i = 0; i < 10_000; i++)
        {
            found += JsonPath.TryResolve(Payload, $"trade.orders[{i}].sku", out _) ? 1 : 0;
        }

        Assert.Equal(2, found);
        Assert.True(JsonPath.TryResolve(Payload, "trade.orders[0].sku", out var first));
        Assert.Equal("SKU-1", first.GetString());
        Assert.False(JsonPath.TryResolve(Payload, "trade.orders[9999].sku", out _));
        Assert.False(JsonPath.IsValid("trade.orders[x]"));
    }
}
