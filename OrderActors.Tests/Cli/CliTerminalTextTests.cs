using OrderActors.Cli;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Cli;

/// <summary>
/// What buyers typed reaches the operator's terminal through the CLI's tables and error lines. An escape sequence in a
/// name was printed as it came, and the terminal obeyed it (colours, cursor moves, window title, clearing the screen).
/// </summary>
public sealed class CliTerminalTextTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    private const string Name = "Evil\u001b[31mRED\u001b]0;pwned\u0007";
    private const string Note = "note\u202Eevil\rover";

    [Fact]
    public async Task OrdersShowAndGrainsShow_ANameAndNoteWithControlCharacters_PrintThemAsEscapesTheTerminalDoesNotObey()
    {
        await silo.Admin.Stock.ReceiveAsync("SKU-TT1", new StockReceiptRequest("SZ", 10));
        var order = await silo.Admin.Orders.CreateAsync(Checkouts.For("TT-1", "SKU-TT1", 1, phone: "13900000071") with
        {
            Customer = new CustomerInput(Name, "13900000071"),
            BuyerNote = Note,
        });
        Assert.Equal((Name, Note), (order.Customer.Name, order.BuyerNote));

        var show = await CliProcess.RunAsync(silo, "orders", "show", order.Id);
        var grain = await CliProcess.RunAsync(silo, "grains", "show", $"order/{order.Id}");

        Assert.Equal((ExitCodes.Ok, ExitCodes.Ok), (show.ExitCode, grain.ExitCode));
        foreach (var output in new[] { show.Out, grain.Out })
        {
            Assert.DoesNotContain(output, c => c is '\u001b' or '\u0007' or '\r' or '\u202E');
            Assert.Contains(@"Evil\u001B[31mRED\u001B]0;pwned\u0007", output, StringComparison.Ordinal);
            Assert.Contains(@"note\u202Eevil\u000Dover", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnError_QuotingWhatWasSent_IsOneLineWithItsControlCharactersEscaped()
    {
        var result = await CliProcess.RunAsync(silo, "orders", "show", "own-\u001b[2J\nx");

        Assert.Equal(ExitCodes.ApiError, result.ExitCode);
        Assert.Equal([@"error: Order 'own-\u001B[2J\u000Ax' does not exist (404 order.not_found)."], result.ErrorLines);
    }
}
