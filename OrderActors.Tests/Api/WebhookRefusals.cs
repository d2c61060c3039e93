using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Api.Webhooks;

namespace OrderActors.Tests.Api;

/// <summary>Posting bodies the test helpers cannot write as a string (raw bytes), and what every refused webhook must look like.</summary>
internal static class WebhookRefusals
{
    /// <summary>Posts <paramref name="body"/> byte for byte, signed <c>sha256=hex</c> with <paramref name="secret"/>.</summary>
    public static Task<HttpResponseMessage> PostSignedBytesAsync(ApiTestHost host, string path, byte[] body, string secret = ApiTestHost.ChannelSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignatures.Header, WebhookSignatures.SignHex(body, secret));
        return host.CreateClient().SendAsync(request);
    }

    /// <summary>
    /// A 400 validation problem of type <paramref name="code"/> whose errors name every one of <paramref name="fields"/>, after
    /// which the service holds no order, no journal event and no delivery record.
    /// </summary>
    public static async Task<HttpValidationProblemDetails> AssertRefusedAndNothingStoredAsync(ApiTestHost host, HttpResponseMessage response, string code, params string[] fields)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal("https://orderactors.dev/problems/" + code, problem!.Type);
        Assert.All(fields, field => Assert.Contains(field, problem.Errors.Keys));
        Assert.Empty((await host.Admin().ListOrdersAsync()).Items);
        await WebhookSecurityTests.AssertNothingStoredAsync(host);
        return problem;
    }
}
