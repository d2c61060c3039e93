namespace OrderActors.Grains.Rules;

/// <summary>Approval tiers by order amount. Default: under 50,000 automatic; from 50,000 <c>sales</c>; from 200,000 also <c>admin</c>.</summary>
public sealed record ApprovalRules
{
    public IReadOnlyList<ApprovalTier> Tiers { get; init; } = [new(50_000m, "sales"), new(200_000m, "admin")];

    public long Version { get; init; }
}
