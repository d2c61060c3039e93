using OrderActors.Grains.Customers;

namespace OrderActors.Tests.Domain.Customers;

public sealed class AddressSimilarityTests
{
    [Theory]
    [InlineData("广东省", "深圳市", "南山区", "科技园科苑路１５号　腾讯大厦５楼", "广东", "深圳", "南山", "科技园科苑路15号腾讯大厦5楼")]
    [InlineData("上海市", "上海市", "浦东新区", "张江高科技园区 碧波路690号", "上海", "市辖区", "浦东新区", "张江高科技园区碧波路690号")]
    [InlineData("浙江省", "杭州市", "余杭区", "浙江省杭州市余杭区文一西路969号", "浙江省", "杭州市", "余杭区", "文一西路969号")]
    [InlineData("广东省", "深圳市", "南山区", "科技园科苑路15号腾讯大厦5楼", "广东", "深圳", "南山", "广东省深圳市南山区科苑路１５号　腾讯大厦５楼")]
    [InlineData("北京市", "北京市", "朝阳区", "建国路88号SOHO现代城A座1201", "北京", "北京", "朝阳区", "建国路88号soho现代城A座1201室")]
    public void Compare_SameAddressWrittenDifferently_IsAtLeastThreshold(
        string p1, string c1, string d1, string detail1, string p2, string c2, string d2, string detail2)
    {
        var similarity = AddressSimilarity.Compare(new CustomerAddress(p1, c1, d1, detail1), new CustomerAddress(p2, c2, d2, detail2));

        Assert.True(similarity >= CustomerTags.SameAddressSimilarity, $"similarity {similarity:F3}");
    }

    [Theory]
    [InlineData("广东省", "深圳市", "南山区", "科技园科苑路15号腾讯大厦", "广东省", "深圳市", "福田区", "华强北路1002号赛格广场")]
    [InlineData("浙江省", "杭州市", "西湖区", "文三路478号华星时代广场", "江苏省", "南京市", "鼓楼区", "中山北路30号")]
    [InlineData("四川省", "成都市", "武侯区", "天府大道北段1700号环球中心", "四川省", "成都市", "锦江区", "春熙路步行街32号")]
    public void Compare_DifferentAddresses_IsBelowThreshold(
        string p1, string c1, string d1, string detail1, string p2, string c2, string d2, string detail2)
    {
        var similarity = AddressSimilarity.Compare(new CustomerAddress(p1, c1, d1, detail1), new CustomerAddress(p2, c2, d2, detail2));

        Assert.True(similarity < CustomerTags.SameAddressSimilarity, $"similarity {similarity:F3}");
    }

    [Fact]
    public void Normalize_FullWidthSpacesPunctuationAndSuffixes_AreRemoved()
    {
        var normalized = AddressSimilarity.Normalize(new CustomerAddress("广东省", "深圳市", "南山区", "广东省深圳市南山区 科苑路（１５号），Ａ座"));

        Assert.Equal("广东深圳南山科苑路15号a座", normalized);
    }

    [Fact]
    public void Similarity_IdenticalText_IsOne()
    {
        var similarity = AddressSimilarity.Similarity("广东深圳南山科苑路15号", "广东深圳南山科苑路15号");

        Assert.Equal(1.0, similarity);
    }
}
