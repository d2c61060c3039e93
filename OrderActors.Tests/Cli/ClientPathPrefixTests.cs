using System.Net;
using System.Text;
using OrderActors.Client.Http;

namespace OrderActors.Tests.Cli;

/// <summary>The client (and so the CLI) behind a reverse proxy that serves the API under a path prefix.</summary>
public sealed class ClientPathPrefixTests
{
    [Theory]
    [InlineData("http://proxy.test/orderactors/", "http://proxy.test/orderactors/api/admin/reminders?limit=5")]
    [InlineData("http://proxy.test/orderactors", "http://proxy.test/orderactors/api/admin/reminders?limit=5")]
    [InlineData("http://proxy.test/", "http://proxy.test/api/admin/reminders?limit=5")]
    public async Task Requests_BaseAddressWithAPath_GoUnderThatPath(string baseAddress, string expected)
    {
        var recorder = new RecordingHandler();
        using var client = new OrderActorsClient(OrderActorsClient.CreateHttpClient(new Uri(baseAddress), "key", recorder));

        await client.Admin.RemindersAsync(limit: 5);

        Assert.Equal(expected, recorder.Seen.Single().OriginalString);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Uri> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("[]", Encoding.UTF8, "application/json") });
        }
    }
}
