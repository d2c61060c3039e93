namespace OrderActors.Grains.Stock;

/// <summary>One warehouse's physical stock of a SKU and how much of it is allocated to orders.</summary>
public sealed class WarehouseLevel
{
    public int OnHand { get; set; }

    public int Allocated { get; set; }

    public WarehouseLevel Clone() => new() { OnHand = OnHand, Allocated = Allocated };
}
