using System.Globalization;
using System.Numerics;
using System.Text;

namespace DeckLsp.Core.Scheduling;

/// <summary>JavaScript number semantics that ts-fsrs's results depend on bit for bit.</summary>
internal static class JsMath
{
    private const double TwoPow32 = 4294967296.0;

    /// <summary>Math.round: ties go towards +∞, unlike <see cref="Math.Round(double)"/>'s banker's rounding.</summary>
    public static double Round(double x)
    {
        if (!double.IsFinite(x))
        {
            return x;
        }

        // floor(x + 0.5) would misround 0.49999999999999994; x - floor(x) is exact.
        var floor = Math.Floor(x);
        return x - floor >= 0.5 ? floor + 1 : floor;
    }

    /// <summary>ts-fsrs's roundTo: round(x·10^d)/10^d, which is not the same as decimal rounding.</summary>
    public static double RoundTo(double x, int decimals)
    {
        var factor = Math.Pow(10, decimals);
        return Round(x * factor) / factor;
    }

    /// <summary>Number.prototype.toFixed then unary plus: rounds the exact binary value, ties away from zero.</summary>
    public static double ToFixed(double x, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (!double.IsFinite(x) || Math.Abs(x) >= 1e21)
        {
            return x;
        }

        if (x < 0)
        {
            return -ToFixed(-x, decimals);
        }

        // .NET's "F" format breaks exact ties to even (0.125 → "0.12"), so round the exact value ourselves:
        // x = mantissa · 2^exponent, and we want the integer n nearest x · 10^decimals, ties up.
        var bits = BitConverter.DoubleToInt64Bits(x);
        var biasedExponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (biasedExponent == 0)
        {
            biasedExponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var exponent = biasedExponent - 1075;
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(10, decimals);
        BigInteger n;
        if (exponent >= 0)
        {
            n = scaled << exponent;
        }
        else
        {
            n = scaled >> -exponent;
            var remainder = scaled - (n << -exponent);
            if (remainder << 1 >= BigInteger.One << -exponent)
            {
                n += 1;
            }
        }

        var digits = n.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    /// <summary>The ECMAScript ToUint32 conversion (what <c>x &gt;&gt;&gt; 0</c> does).</summary>
    public static uint ToUint32(double x)
    {
        if (!double.IsFinite(x))
        {
            return 0;
        }

        var wrapped = Math.Truncate(x) % TwoPow32;
        if (wrapped < 0)
        {
            wrapped += TwoPow32;
        }

        return (uint)wrapped;
    }

    /// <summary>The ECMAScript ToInt32 conversion (what <c>x | 0</c> does).</summary>
    public static int ToInt32(double x) => unchecked((int)ToUint32(x));

    /// <summary>String(x) for a number, because ts-fsrs builds fuzz seeds by string concatenation.</summary>
    public static string NumberToString(double x)
    {
        if (double.IsNaN(x))
        {
            return "NaN";
        }

        if (x == 0)
        {
            return "0";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "Infinity" : "-Infinity";
        }

        if (x < 0)
        {
            return "-" + NumberToString(-x);
        }

        // .NET's "R" gives the same shortest round-trip digits as JavaScript; only the layout differs.
        var (digits, pointPosition) = ShortestDigits(x);
        var k = digits.Length;
        var n = pointPosition;
        var sb = new StringBuilder();
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var exponent = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            sb.Append('e').Append(exponent >= 0 ? '+' : '-')
                .Append(Math.Abs(exponent).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    // Returns significant digits d1..dk and n such that x = 0.d1..dk × 10^n.
    private static (string Digits, int PointPosition) ShortestDigits(double x)
    {
        var text = x.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var dot = text.IndexOf('.');
        var integerLength = dot >= 0 ? dot : text.Length;
        var allDigits = dot >= 0 ? text.Remove(dot, 1) : text;
        var leadingZeros = 0;
        while (leadingZeros < allDigits.Length - 1 && allDigits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        var digits = allDigits[leadingZeros..].TrimEnd('0');
        return (digits, integerLength - leadingZeros + exponent);
    }
}
