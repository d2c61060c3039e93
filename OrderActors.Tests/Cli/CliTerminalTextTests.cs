using System.Net.Http.Headers;
using System.Text.Json;
using OrderActors.Api.Errors;
using OrderActors.Api.Webhooks;
using OrderActors.Cli;
using OrderActors.Cli.Rendering;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>
/// What buyers and carriers typed reaches the operator's terminal through the CLI's tables and error lines. An escape
/// sequence in a name was printed as it came, and the terminal obeyed it (colours, cursor moves, window title, clearing
/// the screen).
/// </summary>
public sealed class CliTerminalTextTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    // A carrier's scan: no new text can hold these any more (the API refuses them, channel and carrier text is cleaned:
    // see docs/decisions.md), but orders stored before keep theirs, and the CLI must not hand them to the terminal.
    private const string Description = "Evil\u001b[31mRED\u001b]0;pwned\u0007 note\u202Eevil\rover";

    [Fact]
    public void Safe_TextStoredWithControlCharacters_ShowsThemAsEscapesTheTerminalDoesNotObey()
    {
        var shown = TerminalText.Safe(Description);

        Assert.DoesNotContain(shown, c => c is '\u001b' or '\u0007' or '\r' or '\u202E');
        Assert.Equal(@"Evil\u001B[31mRED\u001B]0;pwned\u0007 note\u202Eevil\u000Dover", shown);
    }

    [Fact]
    public async Task GrainsShow_ACarrierScanSentWithControlCharacters_PrintsItCleanedAtIntake()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-TT1", new StockReceiptRequest("SZ", 10));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("TT-1", "SKU-TT1", 1, phone: "13900000071"));
        await silo.Admin.Orders.PayAsync(order.Id, new PaymentRequest("pay-tt-1", order.TotalAmount!.Value));
        await silo.Admin.Orders.AllocateAsync(order.Id);
        await silo.Admin.Orders.PackAsync(order.Id);
        await silo.Admin.Orders.ShipAsync(order.Id, new ShipRequest("SF", "SF-TT-1"));
        await PostScanAsync(new CarrierCallback(order.Id, null, [new CarrierEventInput("in_transit", Description, null)]));

        var grain = await CliProcess.RunAsync(silo, "grains", "show", $"order/{order.Id}");

        Assert.Equal(ExitCodes.Ok, grain.ExitCode);
        Assert.DoesNotContain(grain.Out, c => c is '\u001b' or '\u0007' or '\r' or '\u202E');
        Assert.Contains(TextRules.Clean(Description, lineBreaks: false), grain.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnError_QuotingWhatWasSent_IsOneLineWithItsControlCharactersEscaped()
    {
        var result = await CliProcess.RunAsync(silo, "orders", "show", "own-\u001b[2J\nx");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.Equal([@"error: Order 'own-\u001B[2J\u000Ax' does not exist (404 order.not_found)."], result.ErrorLines);
    }

    private async Task PostScanAsync(CarrierCallback callback)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(callback, JsonSerializerOptions.Web);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{silo.Url}/webhooks/carriers/sf") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignatures.Header, WebhookSignatures.SignHex(body, SiloProcess.CarrierSecret));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
