namespace OrderActors.Grains.Rules;

/// <summary>Orders of at least <see cref="MinAmount"/> need an approval by <see cref="Role"/> (after the lower tiers' approvals).</summary>
public sealed record ApprovalTier(decimal MinAmount, string Role);
