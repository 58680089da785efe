using MemoryFunctions.Core.Domain;

namespace MemoryFunctions.Core.Tests.Domain;

public sealed class IdRulesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("user-42")]
    [InlineData("alice@example.com")]
    [InlineData("mem_0123456789abcdef")]
    [InlineData("A.b_c-d@e")]
    public void IsValid_AllowedCharacters_ReturnsTrue(string id) => Assert.True(IdRules.IsValid(id));

    [Fact]
    public void IsValid_128Characters_ReturnsTrue() => Assert.True(IdRules.IsValid(new string('x', 128)));

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a?b")]
    [InlineData("a#b")]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData(".hidden")]
    [InlineData("-leading-dash")]
    [InlineData("_leading-underscore")]
    [InlineData("a b")]
    [InlineData("a\n")]
    [InlineData("caf\u00e9")]
    [InlineData("a%2Fb")]
    public void IsValid_ForbiddenShapes_ReturnsFalse(string id) => Assert.False(IdRules.IsValid(id));

    [Fact]
    public void IsValid_129Characters_ReturnsFalse() => Assert.False(IdRules.IsValid(new string('x', 129)));

    [Fact]
    public void IsValid_Null_ReturnsFalse() => Assert.False(IdRules.IsValid(null));

    [Fact]
    public void Describe_Field_NamesTheFieldAndTheRule()
    {
        var message = IdRules.Describe("userId");

        Assert.Contains("'userId'", message, StringComparison.Ordinal);
        Assert.Contains("1-128", message, StringComparison.Ordinal);
    }
}
