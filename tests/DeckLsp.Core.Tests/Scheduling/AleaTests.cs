using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>The Alea port against values printed by ts-fsrs 5.4.2's own src/alea.ts under Node.</summary>
public sealed class AleaTests
{
    [Theory]
    [InlineData("hello.", 0.4783254903741181, 0.8297006865032017, 0.46924330526962876)]
    [InlineData("1704067200000_1_0", 0.8776656766422093, 0.6810665517114103, 0.9801467682700604)]
    [InlineData("1735700000000_5_12.3456789", 0.7683594869449735, 0.8930966770276427, 0.3657794550526887)]
    [InlineData("42", 0.6848634963389486, 0.5463244677521288, 0.8455933185759932)]
    [InlineData("", 0.1666577742435038, 0.4869158477522433, 0.00011322717182338238)]
    public void Sequence_matches_ts_fsrs_alea(string seed, double first, double second, double third)
    {
        var alea = new Alea(seed);

        Assert.Equal(first, alea.Next());
        Assert.Equal(second, alea.Next());
        Assert.Equal(third, alea.Next());
    }
}
