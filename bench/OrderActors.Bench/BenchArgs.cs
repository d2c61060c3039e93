using System.Globalization;

namespace OrderActors.Bench;

/// <summary>Minimal <c>--name value</c> argument reading for the benchmark scenarios.</summary>
public sealed class BenchArgs(string[] args)
{
    public string? Get(string name)
    {
        var i = Array.IndexOf(args, "--" + name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public int GetInt(string name, int fallback) =>
        Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) =>
        Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Every value of a repeatable option (<c>--set a=1 --set b=2</c>).</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        var values = new List<string>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--" + name)
            {
                values.Add(args[i + 1]);
            }
        }

        return values;
    }

    public bool Has(string flag) => Array.IndexOf(args, "--" + flag) >= 0;
}
