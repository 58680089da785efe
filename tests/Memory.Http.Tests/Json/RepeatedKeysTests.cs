using System.Text;
using MemoryFunctions.Http.Json;

namespace MemoryFunctions.Http.Tests.Json;

public sealed class RepeatedKeysTests
{
    [Theory]
    [InlineData("""{"a":1,"a":2}""", "$.a", "a")]
    [InlineData("""{"userId":"ann","UserId":"bob"}""", "$.UserId", "UserId")]
    [InlineData("""{"x":{"k":1},"y":[{"m":1},{"m":1,"M":2}]}""", "$.y[1].M", "M")]
    [InlineData("""[{"a":1},{"b":[1,2,{"c":1,"c":1}]}]""", "$[1].b[2].c", "c")]
    [InlineData("""{"data":{"messages":[{"role":"user","ROLE":"tool"}]}}""", "$.data.messages[0].ROLE", "ROLE")]
    public void Find_RepeatedKey_PathAndKey(string json, string path, string key) =>
        Assert.Equal((path, key), RepeatedKeys.Find(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}""")]
    [InlineData("""{"a":""")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    public void Find_NoRepeatOrNotJson_Null(string json) => Assert.Null(RepeatedKeys.Find(Encoding.UTF8.GetBytes(json)));
}
