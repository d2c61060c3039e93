using System.Security.Cryptography;
using System.Text;
using OrderActors.Api.Webhooks;

namespace OrderActors.Tests.Api;

public sealed class WebhookSignaturesTests
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":1}""");

    [Fact]
    public void VerifyBase64_ShopifyStyleHmac_Accepts()
    {
        var header = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("s3cret"), Body));

        var valid = WebhookSignatures.VerifyBase64(Body, "s3cret", header);

        Assert.True(valid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void VerifyBase64_MissingOrWrongHeader_Rejects(string? header)
    {
        var valid = WebhookSignatures.VerifyBase64(Body, "s3cret", header);

        Assert.False(valid);
    }

    [Fact]
    public void VerifyHex_TamperedBody_Rejects()
    {
        var header = WebhookSignatures.SignHex(Body, "s3cret");

        var valid = WebhookSignatures.VerifyHex(Encoding.UTF8.GetBytes("""{"id":2}"""), "s3cret", header);

        Assert.False(valid);
    }

    [Fact]
    public void VerifyHex_OwnSignature_AcceptsAnyHexCase()
    {
        var header = WebhookSignatures.SignHex(Body, "s3cret").ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal);

        var valid = WebhookSignatures.VerifyHex(Body, "s3cret", header);

        Assert.True(valid);
    }

    [Theory]
    [InlineData("sha256=zz")]
    [InlineData("sha1=0000000000000000000000000000000000000000")]
    [InlineData("")]
    public void VerifyHex_MalformedHeader_Rejects(string header)
    {
        var valid = WebhookSignatures.VerifyHex(Body, "s3cret", header);

        Assert.False(valid);
    }
}
