namespace DeckLsp.Core.Scheduling;

/// <summary>Johannes Baagøe's Alea PRNG as shipped in ts-fsrs (src/alea.ts), so fuzzed intervals replay identically.</summary>
internal sealed class Alea
{
    private const double TwoPowMinus32 = 2.3283064365386963e-10;

    private double _c;
    private double _s0;
    private double _s1;
    private double _s2;

    public Alea(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);

        // Mash keeps its accumulator across calls, so the six calls below must share one.
        double n = 0xefc8249d;
        double Mash(string data)
        {
            foreach (var ch in data)
            {
                n += ch;
                var h = 0.02519603282416938 * n;
                n = JsMath.ToUint32(h);
                h -= n;
                h *= n;
                n = JsMath.ToUint32(h);
                h -= n;
                n += h * 4294967296.0;
            }

            return JsMath.ToUint32(n) * TwoPowMinus32;
        }

        _c = 1;
        _s0 = Mash(" ");
        _s1 = Mash(" ");
        _s2 = Mash(" ");
        _s0 -= Mash(seed);
        if (_s0 < 0)
        {
            _s0 += 1;
        }

        _s1 -= Mash(seed);
        if (_s1 < 0)
        {
            _s1 += 1;
        }

        _s2 -= Mash(seed);
        if (_s2 < 0)
        {
            _s2 += 1;
        }
    }

    /// <summary>Next value in [0, 1).</summary>
    public double Next()
    {
        var t = (2091639 * _s0) + (_c * TwoPowMinus32);
        _s0 = _s1;
        _s1 = _s2;
        _c = JsMath.ToInt32(t);
        _s2 = t - _c;
        return _s2;
    }
}
