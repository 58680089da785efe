using System.Text.Json;
using MemoryFunctions.Http.Json;

namespace MemoryFunctions.Http.Tests.Json;

/// <summary>RFC 8785 (JSON Canonicalization Scheme), with the examples of its sections 3.2.2 and 3.2.3 and Appendix B.</summary>
public sealed class CanonicalJsonTests
{
    private static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return CanonicalJson.Write(document.RootElement);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(4.5, "4.5")]
    [InlineData(0.002, "0.002")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e23, "1e+23")]
    [InlineData(333333333.33333329, "333333333.3333333")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(295147905179352830000.0, "295147905179352830000")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    public void Number_AsEcmaScriptWritesIt(double value, string expected) => Assert.Equal(expected, CanonicalJson.Number(value));

    [Fact]
    public void Number_NegativeZero_IsZero() => Assert.Equal("0", CanonicalJson.Number(-0.0));

    [Fact]
    public void Write_MembersSortedByUtf16CodeUnits()
    {
        // RFC 8785 §3.2.3's sorting example.
        var json = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            Canonical(json));
    }

    [Fact]
    public void Write_Rfc8785Example_WhiteSpaceEscapesAndNumbersNormalised()
    {
        const string json = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        Assert.Equal(
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}",
            Canonical(json));
    }

    [Fact]
    public void Fingerprint_ReorderedMembersSame_ChangedValueDifferent()
    {
        using var a = JsonDocument.Parse("""{"metadata":{"b":1,"a":"x"},"messages":[1]}""");
        using var b = JsonDocument.Parse("""{ "messages" : [1.0], "metadata" : { "a" : "x", "b" : 1 } }""");
        using var c = JsonDocument.Parse("""{"metadata":{"b":2,"a":"x"},"messages":[1]}""");

        Assert.Equal(CanonicalJson.Fingerprint(a.RootElement), CanonicalJson.Fingerprint(b.RootElement));
        Assert.NotEqual(CanonicalJson.Fingerprint(a.RootElement), CanonicalJson.Fingerprint(c.RootElement));
        Assert.StartsWith(CanonicalJson.FingerprintVersion, CanonicalJson.Fingerprint(a.RootElement), StringComparison.Ordinal);
    }
}
