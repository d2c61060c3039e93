namespace OrderActors.Grains.Rules;

/// <summary>The exception checks run when an order is placed (and, for the address ones, when its address changes). Each can be switched off and tuned.</summary>
public sealed record ExceptionRules
{
    public AddressCheck AddressIncomplete { get; init; } = new();
    public PhoneCheck PhoneInvalid { get; init; } = new();
    public CheckSwitch PaymentNotReceived { get; init; } = new();
    public CheckSwitch InsufficientStock { get; init; } = new();
    public DuplicateCheck SuspectedDuplicate { get; init; } = new();
    public CheckSwitch ApprovalThreshold { get; init; } = new();
    public HighFrequencyCheck HighFrequencyBuyer { get; init; } = new();
    public BuyerRemarkCheck BuyerRemark { get; init; } = new();
    public PromotionCheck PromotionUnrecognised { get; init; } = new();
    public PriceAnomalyCheck PriceAnomaly { get; init; } = new();
    public BlacklistCheck Blacklisted { get; init; } = new();
    public RegionCheck UnserviceableRegion { get; init; } = new();
    public long Version { get; init; }
}
