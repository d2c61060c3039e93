using OrderActors.Grains;
using OrderActors.Grains.Rules;

namespace OrderActors.Tests.Domain.Rules;

public sealed class RulesValidatorTests
{
    [Fact]
    public void Validate_CodeDefaults_AreValid()
    {
        var book = RuleBook.Default;

        var error = Record.Exception(() =>
        {
            RulesValidator.Validate(book.Allocation);
            RulesValidator.Validate(book.Exceptions);
            RulesValidator.Validate(book.Approval);
            RulesValidator.Validate(book.Sla);
        });

        Assert.Null(error);
    }

    [Fact]
    public void Validate_AllocationRuleWithoutWarehouse_NamesTheRule()
    {
        var rules = new AllocationRules { Rules = [new AllocationRule { Warehouse = "SZ" }, new AllocationRule { Warehouse = " " }] };

        var error = Assert.Throws<DomainException>(() => RulesValidator.Validate(rules));

        Assert.Equal(("validation.required", "rules[1].warehouse"), (error.Code, error.Field));
    }

    [Fact]
    public void Validate_ApprovalTiersNotAscending_IsRejected()
    {
        var rules = new ApprovalRules { Tiers = [new(200_000m, "admin"), new(50_000m, "sales")] };

        var error = Assert.Throws<DomainException>(() => RulesValidator.Validate(rules));

        Assert.Equal("tiers[1].minAmount", error.Field);
    }

    [Fact]
    public void Validate_ApprovalTierWithUnknownRole_IsRejected()
    {
        var rules = new ApprovalRules { Tiers = [new(10m, "boss")] };

        var error = Assert.Throws<DomainException>(() => RulesValidator.Validate(rules));

        Assert.Equal("tiers[0].role", error.Field);
    }

    [Fact]
    public void Validate_BadPhonePattern_IsRejected()
    {
        var rules = new ExceptionRules { PhoneInvalid = new PhoneCheck { Pattern = "([" } };

        var error = Assert.Throws<DomainException>(() => RulesValidator.Validate(rules));

        Assert.Equal("phoneInvalid.pattern", error.Field);
    }

    [Fact]
    public void Validate_PromotionCombinationWithUnknownCode_IsRejected()
    {
        var rules = new ExceptionRules { PromotionUnrecognised = new PromotionCheck { KnownPromotions = ["a", "b"], AllowedCombinations = [["a", "c"]] } };

        var error = Assert.Throws<DomainException>(() => RulesValidator.Validate(rules));

        Assert.Equal("promotionUnrecognised.allowedCombinations[0]", error.Field);
    }

    [Fact]
    public void Validate_ZeroSlaDeadline_IsRejected()
    {
        var rules = new SlaRules { Packing = TimeSpan.Zero };

        var error = Assert.Throws<DomainException>(() => RulesValidator.Validate(rules));

        Assert.Equal(("validation.out_of_range", "packing"), (error.Code, error.Field));
    }
}
