namespace OrderActors.Grains.Rules;

/// <summary><c>buyer_remark</c>: the buyer note contains one of the keywords (case-insensitive).</summary>
public sealed record BuyerRemarkCheck
{
    public bool Enabled { get; init; } = true;
    public IReadOnlyList<string> Keywords { get; init; } = ["加急", "投诉", "改地址", "发票", "退款", "urgent", "complaint", "invoice", "change address"];
}
