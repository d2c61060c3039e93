namespace OrderActors.Client.Contracts;

/// <summary>The roles an API key can carry. <c>admin</c> may do everything.</summary>
public static class ApiRoles
{
    public const string Admin = "admin";
    public const string CustomerService = "cs";
    public const string Warehouse = "warehouse";
    public const string Finance = "finance";
    public const string Sales = "sales";
    public const string Integration = "integration";

    public static IReadOnlyList<string> All { get; } = [Admin, CustomerService, Warehouse, Finance, Sales, Integration];
}
