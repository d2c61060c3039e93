namespace OrderActors.Grains.Customers;

/// <summary>Customer tags and the rules behind them.</summary>
public static class CustomerTags
{
    /// <summary>Net spend over the last 90 days is at least <see cref="HighValueSpend"/>.</summary>
    public const string HighValue = "high_value";

    /// <summary>No order for <see cref="ChurnAfter"/> or longer.</summary>
    public const string ChurnRisk = "churn_risk";

    /// <summary>Spend that makes a customer high value.</summary>
    public const decimal HighValueSpend = 1200m;

    /// <summary>The window high-value spend is counted over.</summary>
    public static readonly TimeSpan HighValueWindow = TimeSpan.FromDays(90);

    /// <summary>Silence after which a customer is a churn risk.</summary>
    public static readonly TimeSpan ChurnAfter = TimeSpan.FromDays(180);

    /// <summary>Default window for suspected cross-channel duplicates.</summary>
    public static readonly TimeSpan DefaultDuplicateWindow = TimeSpan.FromHours(24);

    /// <summary>Address similarity at or above which two addresses are the same.</summary>
    public const double SameAddressSimilarity = 0.85;
}
