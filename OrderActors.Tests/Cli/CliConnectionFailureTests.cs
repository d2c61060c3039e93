using System.Collections;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using OrderActors.Cli;

namespace OrderActors.Tests.Cli;

/// <summary>
/// When no answer comes, the CLI says which failure it was and what to do. Every one of them was "cannot connect …
/// Is the silo running?", which sent an operator to a silo that was running.
/// </summary>
public sealed class CliConnectionFailureTests
{
    [Fact]
    public async Task Run_NothingListensOnThePort_SaysConnectionRefusedAndToCheckTheSiloAndUrl()
    {
        var url = CliRun.ClosedPortUrl();

        var (code, error) = await RunAsync(url, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.StartsWith($"error: cannot connect to {url}: connection refused, nothing listens on 127.0.0.1:", error, StringComparison.Ordinal);
        Assert.EndsWith("Pass --url or set ORDERACTORS_URL.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HostNameThatDoesNotResolve_SaysHostNotFoundAndToCheckTheName()
    {
        // .invalid is reserved (RFC 2606): no resolver answers for it.
        const string url = "http://orderactors-silo.invalid:5000";

        var (code, error) = await RunAsync(url, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.Equal($"error: cannot connect to {url}: host 'orderactors-silo.invalid' not found (no DNS name resolves to it). Check the host name in --url or ORDERACTORS_URL.", error);
    }

    [Fact]
    public async Task Run_HttpsToAPlainHttpServer_SaysTheTlsHandshakeFailedAndToUseHttp()
    {
        await using var listener = new MisbehavingListener(MisbehavingListener.AnswerWith("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        var url = $"https://127.0.0.1:{listener.Port}";

        var (code, error) = await RunAsync(url, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.StartsWith($"error: cannot connect to {url}: the TLS handshake failed (", error, StringComparison.Ordinal);
        Assert.Contains("If the silo serves plain HTTP, use http:// in --url", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HTTP/1.1 200 OK\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"sku\":\"SKU-1\",")]
    public async Task Run_ConnectionResetBeforeTheAnswerIsComplete_SaysItWasCutShortAndToCheckBeforeRetrying(string partial)
    {
        await using var listener = new MisbehavingListener(MisbehavingListener.AnswerPartlyThenReset(partial));
        var url = $"http://127.0.0.1:{listener.Port}";

        var (code, error) = await RunAsync(url, "orders", "cancel", "own-1", "--reason", "test");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.Equal(
            $"error: the connection to {url} was closed before the answer was complete (by the silo, or a proxy or load balancer in between). " +
            "A command that changes something may have been carried out: check (e.g. 'orders show') before running it again.",
            error);
    }

    [Fact]
    public async Task Run_AnswerThatIsNotHttp_SaysSoAndToCheckThePort()
    {
        await using var listener = new MisbehavingListener(MisbehavingListener.AnswerWith("SSH-2.0-OpenSSH_9.6\r\n"));
        var url = $"http://127.0.0.1:{listener.Port}";

        var (code, error) = await RunAsync(url, "stock", "show", "SKU-1");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.StartsWith($"error: {url} did not answer in HTTP (", error, StringComparison.Ordinal);
        Assert.EndsWith("Check the port in --url; a silo serving HTTPS needs https://.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoAnswerWithinTheTimeout_SaysSoAfterTheTimeoutAndHowToGiveMoreTime()
    {
        await using var listener = new MisbehavingListener(MisbehavingListener.NeverAnswer());
        var url = $"http://127.0.0.1:{listener.Port}";
        var watch = Stopwatch.StartNew();

        var (code, error) = await RunAsync(url, "stock", "show", "SKU-1", "--timeout", "1s");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.StartsWith($"error: {url} did not answer in time: no answer within 1s (", error, StringComparison.Ordinal);
        Assert.Contains(ConnectionFailures.CheckBeforeRetrying, error, StringComparison.Ordinal);
        Assert.EndsWith("Give a slow command more time with --timeout.", error, StringComparison.Ordinal);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Run_NoConnectionWithinTheTimeout_SaysNothingWasSentAndItCanBeRunAgain()
    {
        // A listener whose accept queue (backlog 0) is already full: the kernel drops further SYNs, so a connection
        // neither succeeds nor is refused, as with a host that is down or a firewall that drops the packets.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start(0);
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var queued = new TcpClient();
        await queued.ConnectAsync(IPAddress.Loopback, port);
        var url = $"http://127.0.0.1:{port}";

        var (code, error) = await RunAsync(url, "orders", "cancel", "own-1", "--reason", "test", "--timeout", "2s");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.Equal(
            $"error: cannot connect to {url}: no connection to 127.0.0.1:{port} within 1s (the host is down or unreachable, or a firewall drops the packets). " +
            "Nothing was sent, so the command can be run again as it is. Check --url or ORDERACTORS_URL and the network between here and the silo.",
            error);
    }

    [Fact]
    public async Task Run_StockReceiptWithoutAnAnswer_GivesTheReceiptIdItSentForASafeRetry()
    {
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var listener = new MisbehavingListener(MisbehavingListener.ReadRequestThenReset(bodies.Enqueue));
        var url = $"http://127.0.0.1:{listener.Port}";

        var (code, error) = await RunAsync(url, "stock", "receive", "SKU-1", "--warehouse", "WH-1", "--quantity", "5");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        var sent = System.Text.Json.JsonDocument.Parse(Assert.Single(bodies)).RootElement.GetProperty("receiptId").GetString();
        Assert.StartsWith("cli-", sent, StringComparison.Ordinal);
        Assert.StartsWith($"error: the connection to {url} was closed before the answer was complete", error, StringComparison.Ordinal);
        Assert.EndsWith($"To run it again without counting the goods twice, add --receipt-id {sent}.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StockReceiptWithItsOwnReceiptId_SendsItAndGivesNoHint()
    {
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var listener = new MisbehavingListener(MisbehavingListener.ReadRequestThenReset(bodies.Enqueue));
        var url = $"http://127.0.0.1:{listener.Port}";

        var (code, error) = await RunAsync(url, "stock", "receive", "SKU-1", "--warehouse", "WH-1", "--quantity", "5", "--receipt-id", "GRN-7");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.Equal("GRN-7", System.Text.Json.JsonDocument.Parse(Assert.Single(bodies)).RootElement.GetProperty("receiptId").GetString());
        Assert.DoesNotContain("--receipt-id", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(100, 10)]
    [InlineData(3600, 10)]
    public void ConnectTimeoutFor_IsHalfTheAnswersTimeoutUpToTenSeconds(int answerSeconds, double connectSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(connectSeconds), ResponseCapture.ConnectTimeoutFor(TimeSpan.FromSeconds(answerSeconds)));
    }

    [Fact]
    public async Task Run_KeysCreateWithoutAnAnswer_GivesTheIdempotencyKeyItSentForARetryThatCreatesNoSecondKey()
    {
        var bodies = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var listener = new MisbehavingListener(MisbehavingListener.ReadRequestThenReset(bodies.Enqueue));
        var url = $"http://127.0.0.1:{listener.Port}";

        var (code, error) = await RunAsync(url, "keys", "create", "--name", "ops", "--role", "cs");

        Assert.Equal(ExitCodes.ConnectionOrAuth, code);
        Assert.Single(bodies);
        Assert.StartsWith($"error: the connection to {url} was closed before the answer was complete", error, StringComparison.Ordinal);
        Assert.Matches(@"To run it again without creating a second key, add --idempotency-key [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.$", error);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("2h")]
    [InlineData("soon")]
    public async Task Run_TimeoutOutOfRange_ExitsTwoBeforeSendingAnything(string timeout)
    {
        var (code, error) = await RunAsync(CliRun.ClosedPortUrl(), "stock", "show", "SKU-1", "--timeout", timeout);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith($"error: --timeout '{timeout}'", error, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Error)> RunAsync(string url, params string[] args)
    {
        var (code, _, error) = await CliRun.RunAsync(new Hashtable { [CliOptions.UrlVariable] = url, [CliOptions.ApiKeyVariable] = "k" }, args);
        return (code, error.TrimEnd());
    }
}
