namespace OrderActors.Grains.Orders;

/// <summary>The approvals the order's amount requires, in order, and those given so far.</summary>
public sealed record ApprovalView(IReadOnlyList<string> RequiredRoles, IReadOnlyList<ApprovalGrant> Granted)
{
    public bool Complete => Granted.Count >= RequiredRoles.Count;

    public string? NextRole => Complete ? null : RequiredRoles[Granted.Count];
}
