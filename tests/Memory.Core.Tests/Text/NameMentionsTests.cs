using MemoryFunctions.Core.Text;

namespace MemoryFunctions.Core.Tests.Text;

public sealed class NameMentionsTests
{
    [Theory]
    [InlineData("What will Sam hope for?", new[] { "sam" })]
    [InlineData("Will I need a coat when Rose visits?", new[] { "rose" })]
    [InlineData("What did Will say to May?", new[] { "will", "may" })]
    [InlineData("What did I do in May 2023?", new string[0])]
    [InlineData("Where did Maya travel in May?", new[] { "maya" })]
    [InlineData("Sam? Did Elena call?", new[] { "sam", "elena" })]
    [InlineData("what will sam hope for", new[] { "sam", "hope" })]
    [InlineData("WHERE IS SAM", new[] { "is", "sam" })]
    public void In_Query_TheWordsThatMayBeNames(string query, string[] expected) =>
        Assert.Equal(expected.Order(), NameMentions.In(query).Order());
}
