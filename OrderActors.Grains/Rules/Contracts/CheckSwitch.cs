namespace OrderActors.Grains.Rules;

/// <summary>A check with nothing to tune but on/off.</summary>
public sealed record CheckSwitch
{
    public bool Enabled { get; init; } = true;
}
