namespace OrderActors.Client.Contracts;

/// <summary>Approvals the order needs (roles in order) and those given.</summary>
public sealed record ApprovalDto(IReadOnlyList<string> RequiredRoles, IReadOnlyList<string> GrantedRoles, bool Complete);
