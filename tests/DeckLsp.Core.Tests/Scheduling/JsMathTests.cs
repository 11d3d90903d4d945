using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>JavaScript number behaviour the port relies on; expected strings are what Node 20 prints.</summary>
public sealed class JsMathTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000012345, "0.0000012345")]
    [InlineData(1.3596195999999998, "1.3596195999999998")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(365000.0, "365000")]
    [InlineData(-12.5, "-12.5")]
    public void Number_to_string_matches_javascript(double value, string expected) =>
        Assert.Equal(expected, JsMath.NumberToString(value));

    [Fact]
    public void Product_used_in_fuzz_seed_prints_like_javascript() =>
        Assert.Equal("4.885406806805", JsMath.NumberToString(2.11810397 * 2.3065));

    [Theory]
    [InlineData(2.5, 3.0)]
    [InlineData(-2.5, -2.0)]
    [InlineData(0.49999999999999994, 0.0)]
    [InlineData(1.5, 2.0)]
    [InlineData(-0.4, 0.0)]
    public void Round_breaks_ties_towards_positive_infinity(double value, double expected) =>
        Assert.Equal(expected, JsMath.Round(value));

    [Theory]
    [InlineData(1.3596195999999998, 1.3596196)]
    [InlineData(4.885347876045, 4.88534788)]
    [InlineData(0.0000012345, 0.00000123)]
    public void Round_to_eight_decimals_matches_ts_fsrs(double value, double expected) =>
        Assert.Equal(expected, JsMath.RoundTo(value, 8));

    [Theory]
    [InlineData(1.005, 2, 1.0)]
    [InlineData(2.345, 2, 2.35)]
    [InlineData(0.125, 2, 0.13)]
    [InlineData(53.626904645, 8, 53.62690465)]
    [InlineData(1e-9, 8, 0.0)]
    [InlineData(5e-9, 8, 1e-8)]
    [InlineData(-2.345, 2, -2.35)]
    [InlineData(123456789.123456789, 8, 123456789.12345679)]
    [InlineData(7.5, 0, 8.0)]
    public void To_fixed_rounds_the_exact_binary_value(double value, int decimals, double expected) =>
        Assert.Equal(expected, JsMath.ToFixed(value, decimals));

    [Theory]
    [InlineData(4294967296.5, 0u)]
    [InlineData(4294967297.9, 1u)]
    [InlineData(-1.0, 4294967295u)]
    [InlineData(123.99, 123u)]
    public void To_uint32_wraps_like_unsigned_shift(double value, uint expected) =>
        Assert.Equal(expected, JsMath.ToUint32(value));
}
