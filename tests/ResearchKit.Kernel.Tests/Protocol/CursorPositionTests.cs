using ResearchKit.Kernel;

namespace ResearchKit.Kernel.Tests.Protocol;

public sealed class CursorPositionTests
{
    [Theory]
    [InlineData("abc", 2, 2)]
    [InlineData("😀x", 1, 2)]
    [InlineData("😀x", 2, 3)]
    [InlineData("a😀😀b", 3, 5)]
    [InlineData("ab", 10, 2)]
    public void Code_points_and_utf16_convert_both_ways(string text, int codePoints, int utf16)
    {
        Assert.Equal(utf16, CursorPosition.ToUtf16(text, codePoints));
        Assert.Equal(Math.Min(codePoints, CursorPosition.ToCodePoints(text, text.Length)), CursorPosition.ToCodePoints(text, utf16));
    }
}
