using System.CommandLine;
using static OrderActors.Cli.CommandBuilder;

namespace OrderActors.Cli.Commands;

/// <summary><c>grains list --type order|sku|customer [--top N]</c> and <c>grains show &lt;type&gt;/&lt;key&gt;</c>.</summary>
public static class GrainCommands
{
    public static IReadOnlyList<string> Types { get; } = ["order", "sku", "customer"];

    public static Command Create()
    {
        var type = Option<string>("--type", "The grain type: order, sku or customer.", required: true);
        type.AcceptOnlyFromAmong([.. Types]);
        var top = Option<int?>("--top", "At most this many (the busiest first).");
        // Read the token, not the value: a validator runs even when the value did not parse (--top abc), and asking for
        // that value throws instead of letting the parser report its own error.
        top.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && int.TryParse(token.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) && n < 1)
            {
                result.AddError("--top must be at least 1.");
            }
        });
        var list = Command("list", "The active grains of a type.", type, top)
            .Runs(async (parse, context, cancellationToken) =>
            {
                await context.Api.Admin.GrainsAsync(parse.GetValue(type)!, parse.GetValue(top), cancellationToken);
                return context.PrintLast($"{parse.GetValue(type)} grains");
            });

        var id = Argument("grain", "The grain as <type>/<key>, e.g. order/own-1001 or sku/SKU-1.");
        var show = Command("show", "A grain's state and its latest events.", id)
            .Runs(async (parse, context, cancellationToken) =>
            {
                var (grainType, key) = SplitGrainId(parse.GetValue(id)!);
                await NotFound.NamedAsync(context.Api.Admin.GrainAsync(grainType, key, cancellationToken), $"there is no {grainType} grain '{key}': nothing was ever stored for it");
                return context.PrintLast($"{grainType}/{key}");
            });

        return Group("grains", "Inspect grain activations.", list, show);
    }

    /// <summary><c>order/own-1001</c> → (<c>order</c>, <c>own-1001</c>); the key may itself contain slashes.</summary>
    public static (string Type, string Key) SplitGrainId(string grain)
    {
        ArgumentNullException.ThrowIfNull(grain);
        var slash = grain.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == grain.Length - 1)
        {
            throw new CliUsageException($"'{grain}' is not <type>/<key>; e.g. order/own-1001 or sku/SKU-1.");
        }

        var type = grain[..slash].ToLowerInvariant();
        if (!Types.Contains(type))
        {
            throw new CliUsageException($"'{type}' is not a grain type; use one of {string.Join(", ", Types)}.");
        }

        return (type, grain[(slash + 1)..]);
    }
}
