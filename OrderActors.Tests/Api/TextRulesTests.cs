using OrderActors.Api.Errors;

namespace OrderActors.Tests.Api;

/// <summary>The one character rule for text: what one-line text and free text may hold, and how a channel's text is cleaned.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("张三 Zhang", false, -1)]
    [InlineData("a\u200Db", false, -1)]
    [InlineData("a\tb", false, 1)]
    [InlineData("a\tb\nc\r\nd", true, -1)]
    [InlineData("a\r\nb\rc", true, 4)]
    [InlineData("ab\r", true, 2)]
    [InlineData("a\u007Fb", true, 1)]
    [InlineData("a\u009Fb", true, 1)]
    [InlineData("a\u2069b", true, 1)]
    [InlineData("a\u202Ab", true, 1)]
    public void IndexOfForbidden_Text_FindsTheFirstCharacterItMayNotHold(string text, bool lineBreaks, int expected)
    {
        var index = TextRules.IndexOfForbidden(text, lineBreaks);

        Assert.Equal(expected, index);
    }

    [Theory]
    [InlineData("张\t三\u0085", false, "张 三 ")]
    [InlineData("文三路\u2066100号\u2069", false, "文三路100号")]
    [InlineData("第一行\r\n第二行\r\u0007\u202E末", true, "第一行\r\n第二行  末")]
    public void Clean_TextWithForbiddenCharacters_ReplacesControlsBySpacesAndDropsBidiControls(string text, bool lineBreaks, string expected)
    {
        var cleaned = TextRules.Clean(text, lineBreaks);

        Assert.Equal(expected, cleaned);
    }

    [Fact]
    public void Clean_AllowedText_ReturnsTheSameString()
    {
        const string text = "请尽快发货\n谢谢";

        var cleaned = TextRules.Clean(text, lineBreaks: true);

        Assert.Same(text, cleaned);
    }
}
