namespace DeckLsp.Core.Optimization;

/// <summary>
/// The training loss of FSRS-6 and its gradient, a port of fsrs-rs's hand-written reverse-mode differentiation
/// (<c>analytic.rs</c>, the path its trainer takes for items without card ids): each item's history is replayed in
/// single precision, the retrievability of its current review scored by weighted binary cross-entropy, and the
/// gradient walked back through the exact branch each step took (clamps stop it outside their range).
/// </summary>
internal sealed class FsrsGradient
{
    private const float MinProb = 1e-7f;
    private const float MaxProb = 1f - 1e-7f;
    private const float SMin = FsrsParameters.StabilityMin;
    private const float SMax = FsrsParameters.StabilityMax;
    private const float DMin = FsrsParameters.DifficultyMin;
    private const float DMax = FsrsParameters.DifficultyMax;

    private readonly float[] _w;
    private readonly float _curveDecay;
    private readonly float _curveFactor;
    private readonly double _curveDFactorDDecay;
    private readonly float _expW8;
    private readonly double _expW8F64;
    private readonly float _failureFloorDivisor;
    private readonly float _easyD;
    private readonly double _easyDF64;
    private readonly double _exp3W5F64;
    private Step[] _steps = new Step[16];

    public FsrsGradient(float[] w)
    {
        _w = w;
        _curveDecay = -w[20];
        _curveFactor = MathF.Exp(MathF.Log(0.9f) / _curveDecay) - 1f;
        var decay = (double)_curveDecay;
        var c = Math.Log(0.9);
        _curveDFactorDDecay = Math.Exp(c / decay) * (-c / (decay * decay));
        _expW8 = MathF.Exp(w[8]);
        _expW8F64 = Math.Exp(w[8]);
        _failureFloorDivisor = MathF.Exp(w[17] * w[18]);
        _easyD = InitDifficulty(w, 4);
        _easyDF64 = _easyD;
        _exp3W5F64 = Math.Exp(3.0 * w[5]);
    }

    /// <summary>The weighted loss of one item; with <paramref name="gradient"/>, its gradient is added there.</summary>
    public double Loss(FsrsItem item, float weight, double[]? gradient)
    {
        var reviews = item.Reviews;
        var length = reviews.Length - 1;
        if (_steps.Length < length)
        {
            _steps = new Step[Math.Max(length, _steps.Length * 2)];
        }

        var s = 0f;
        var d = 0f;
        for (var t = 0; t < length; t++)
        {
            Forward(ref s, ref d, reviews[t].DeltaT, reviews[t].Rating, t, out _steps[t]);
        }

        var current = reviews[length];
        var curve = CurveForward(current.DeltaT, s);
        var (loss, gR) = BinaryCrossEntropy(curve.Retrievability, current.Rating > 1 ? 1f : 0f, weight);
        if (gradient is not null)
        {
            var gS = CurveBackward(curve, gR, gradient);
            var gD = 0.0;
            for (var t = length - 1; t >= 0; t--)
            {
                (gS, gD) = Backward(ref _steps[t], gS, gD, gradient);
            }
        }

        return loss;
    }

    internal static float InitDifficulty(ReadOnlySpan<float> w, int rating) => w[4] - MathF.Exp(w[5] * Math.Max(0, rating - 1)) + 1f;

    private static double ClampGradient(float x, float min, float max) => x >= min && x <= max ? 1.0 : 0.0;

    private static (double Loss, double Gradient) BinaryCrossEntropy(float raw, float label, float weight)
    {
        if (weight == 0f)
        {
            return (0, 0);
        }

        var r = Math.Clamp(raw, MinProb, MaxProb);
        var loss = -((label * MathF.Log(r)) + ((1f - label) * MathF.Log(1f - r))) * weight;
        var gradient = -weight * ((label / r) - ((1f - label) / (1f - r)));
        return (loss, raw > MinProb && raw < MaxProb ? gradient : 0.0);
    }

    private Curve CurveForward(float t, float s)
    {
        t = MathF.Max(t, 0f);
        var b = (t / s * _curveFactor) + 1f;
        return new Curve(t, s, b, MathF.Pow(b, _curveDecay));
    }

    private double CurveBackward(Curve curve, double gR, double[] gw)
    {
        if (gR == 0.0)
        {
            return 0.0;
        }

        var r = (double)curve.Retrievability;
        var b = (double)curve.Base;
        var decay = (double)_curveDecay;
        var t = (double)curve.T;
        var s = (double)curve.S;
        var factor = (double)_curveFactor;
        var dbDs = -t * factor / (s * s);
        var gS = gR * r * decay / b * dbDs;
        var dbDDecay = t / s * _curveDFactorDDecay;
        var drDDecay = r * (Math.Log(b) + (decay / b * dbDDecay));
        gw[20] += -gR * drDDecay;
        return gS;
    }

    private void Forward(ref float s, ref float d, float deltaT, float rating, int nth, out Step step)
    {
        var w = _w;
        step = default;
        step.StateS = s;
        step.StateD = d;
        var lastS = Math.Clamp(s, SMin, SMax);
        var lastD = Math.Clamp(d, DMin, DMax);
        step.LastS = lastS;
        step.LastD = lastD;
        step.DeltaT = deltaT;
        step.Rating = rating;

        if (nth == 0 && s == 0f)
        {
            var initRating = (int)Math.Clamp(rating, 1f, 4f);
            var newS = w[initRating - 1];
            var rawD = InitDifficulty(w, initRating);
            step.InitSelected = true;
            step.InitRating = initRating;
            step.PreClampS = newS;
            step.MeanPreClampD = rawD;
            s = Math.Clamp(newS, SMin, SMax);
            d = Math.Clamp(rawD, DMin, DMax);
            return;
        }

        var r = CurveForward(deltaT, lastS).Retrievability;
        step.Retrievability = r;
        step.UseShort = deltaT == 0f;
        step.UseFailure = rating == 1f;
        float next;
        if (step.UseShort)
        {
            step.ShortRaw = MathF.Exp(w[17] * (rating - 3f + w[18])) * MathF.Pow(lastS, -w[19]);
            step.ShortRawActive = !(rating >= 2f && step.ShortRaw < 1f);
            step.ShortValue = rating >= 2f ? MathF.Max(step.ShortRaw, 1f) : step.ShortRaw;
            next = lastS * step.ShortValue;
        }
        else if (step.UseFailure)
        {
            step.FailureRaw = w[11] * MathF.Pow(lastD, -w[12]) * (MathF.Pow(lastS + 1f, w[13]) - 1f) * MathF.Exp((1f - r) * w[14]);
            step.FailureFloor = lastS / _failureFloorDivisor;
            step.FailureUsedFloor = step.FailureFloor < step.FailureRaw;
            next = step.FailureUsedFloor ? step.FailureFloor : step.FailureRaw;
        }
        else
        {
            var hardPenalty = rating == 2f ? w[15] : 1f;
            var easyBonus = rating == 4f ? w[16] : 1f;
            var increase = _expW8 * (11f - lastD) * MathF.Pow(lastS, -w[9]) * (MathF.Exp((1f - r) * w[10]) - 1f) * hardPenalty * easyBonus;
            next = lastS * (increase + 1f);
        }

        var deltaD = -w[6] * (rating - 3f);
        var nextD = lastD + ((10f - lastD) * deltaD / 9f);
        var meanD = (w[7] * (_easyD - nextD)) + nextD;
        step.PreClampS = next;
        step.MeanPreClampD = meanD;
        s = Math.Clamp(next, SMin, SMax);
        d = Math.Clamp(meanD, DMin, DMax);
    }

    private (double S, double D) Backward(ref Step c, double gOutS, double gOutD, double[] gw)
    {
        var gPreS = gOutS * ClampGradient(c.PreClampS, SMin, SMax);
        var gPreD = gOutD;
        var gLastS = 0.0;
        var gLastD = 0.0;
        var gR = 0.0;
        if (c.InitSelected)
        {
            BackwardInit(c.InitRating, gPreS, gPreD, gw);
        }
        else
        {
            if (c.UseShort)
            {
                gLastS += BackwardShort(ref c, gPreS, gw);
            }
            else if (c.UseFailure)
            {
                var (gs, gd, gr) = BackwardFailure(ref c, gPreS, gw);
                gLastS += gs;
                gLastD += gd;
                gR += gr;
            }
            else
            {
                var (gs, gd, gr) = BackwardSuccess(ref c, gPreS, gw);
                gLastS += gs;
                gLastD += gd;
                gR += gr;
            }

            gLastD += BackwardDifficulty(ref c, gPreD, gw);
        }

        var t = MathF.Max(c.DeltaT, 0f);
        var curve = new Curve(t, c.LastS, (t / c.LastS * _curveFactor) + 1f, c.Retrievability);
        gLastS += CurveBackward(curve, gR, gw);
        return (gLastS * ClampGradient(c.StateS, SMin, SMax), gLastD * ClampGradient(c.StateD, DMin, DMax));
    }

    private (double S, double D, double R) BackwardSuccess(ref Step c, double g, double[] gw)
    {
        if (g == 0.0)
        {
            return (0, 0, 0);
        }

        var w = _w;
        var s = (double)c.LastS;
        var d = (double)c.LastD;
        var r = (double)c.Retrievability;
        var a = _expW8F64;
        var b = 11.0 - d;
        var cS = Math.Pow(s, -(double)w[9]);
        var e = Math.Exp((1.0 - r) * w[10]) - 1.0;
        var expE = e + 1.0;
        var hp = c.Rating == 2f ? (double)w[15] : 1.0;
        var eb = c.Rating == 4f ? (double)w[16] : 1.0;
        var increase = a * b * cS * e * hp * eb;
        var gIncrease = g * s;
        var gS = g * (increase + 1.0);
        gS += gIncrease * increase * (-(double)w[9] / s);
        var gD = -(gIncrease * a * cS * e * hp * eb);
        var gR = gIncrease * a * b * cS * hp * eb * (-(double)w[10] * expE);
        gw[8] += gIncrease * increase;
        gw[9] += gIncrease * increase * -Math.Log(s);
        gw[10] += gIncrease * a * b * cS * hp * eb * ((1.0 - r) * expE);
        if (c.Rating == 2f)
        {
            gw[15] += gIncrease * a * b * cS * e * eb;
        }

        if (c.Rating == 4f)
        {
            gw[16] += gIncrease * a * b * cS * e * hp;
        }

        return (gS, gD, gR);
    }

    private (double S, double D, double R) BackwardFailure(ref Step c, double g, double[] gw)
    {
        if (g == 0.0)
        {
            return (0, 0, 0);
        }

        var w = _w;
        var s = (double)c.LastS;
        var d = (double)c.LastD;
        var r = (double)c.Retrievability;
        if (c.FailureUsedFloor)
        {
            var floor = (double)c.FailureFloor;
            gw[17] += g * floor * -(double)w[18];
            gw[18] += g * floor * -(double)w[17];
            return (g * (floor / s), 0, 0);
        }

        var raw = (double)c.FailureRaw;
        var b = s + 1.0;
        var p = Math.Pow(b, w[13]);
        var lastDPow = Math.Pow(d, -(double)w[12]);
        var er = Math.Exp((1.0 - r) * w[14]);
        gw[11] += g * raw / w[11];
        gw[12] += g * raw * -Math.Log(d);
        gw[13] += g * w[11] * lastDPow * er * p * Math.Log(b);
        gw[14] += g * raw * (1.0 - r);
        var gS = g * w[11] * lastDPow * er * w[13] * p / b;
        var gD = g * raw * (-(double)w[12] / d);
        var gR = g * raw * -(double)w[14];
        return (gS, gD, gR);
    }

    private double BackwardShort(ref Step c, double g, double[] gw)
    {
        if (g == 0.0)
        {
            return 0.0;
        }

        var w = _w;
        var s = (double)c.LastS;
        var gS = g * c.ShortValue;
        if (c.ShortRawActive)
        {
            var gRaw = g * s;
            var raw = (double)c.ShortRaw;
            var q = (double)(c.Rating - 3f + w[18]);
            gw[17] += gRaw * raw * q;
            gw[18] += gRaw * raw * w[17];
            gw[19] += gRaw * raw * -Math.Log(s);
            gS += gRaw * raw * (-(double)w[19] / s);
        }

        return gS;
    }

    private double BackwardDifficulty(ref Step c, double gOut, double[] gw)
    {
        if (gOut == 0.0)
        {
            return 0.0;
        }

        var w = _w;
        var gMean = gOut * ClampGradient(c.MeanPreClampD, DMin, DMax);
        if (gMean == 0.0)
        {
            return 0.0;
        }

        var ratingMinus3 = (double)(c.Rating - 3f);
        var lastD = (double)c.LastD;
        var deltaD = -(double)w[6] * ratingMinus3;
        var nextD = lastD + ((10.0 - lastD) * deltaD / 9.0);
        gw[7] += gMean * (_easyDF64 - nextD);
        gw[4] += gMean * w[7];
        gw[5] += gMean * w[7] * -3.0 * _exp3W5F64;
        var gNext = gMean * (1.0 - w[7]);
        gw[6] += gNext * (10.0 - lastD) * -ratingMinus3 / 9.0;
        return gNext * (1.0 - (deltaD / 9.0));
    }

    private void BackwardInit(int rating, double gS, double gD, double[] gw)
    {
        var w = _w;
        gw[rating - 1] += gS;
        var gRawD = gD * ClampGradient(InitDifficulty(w, rating), DMin, DMax);
        if (gRawD != 0.0)
        {
            var offset = (double)(rating - 1);
            gw[4] += gRawD;
            gw[5] += gRawD * -offset * Math.Exp(offset * w[5]);
        }
    }

    private readonly record struct Curve(float T, float S, float Base, float Retrievability);

    private struct Step
    {
        public float StateS;
        public float StateD;
        public float LastS;
        public float LastD;
        public float DeltaT;
        public float Rating;
        public float Retrievability;
        public float FailureRaw;
        public float FailureFloor;
        public bool FailureUsedFloor;
        public float ShortRaw;
        public float ShortValue;
        public bool ShortRawActive;
        public bool UseShort;
        public bool UseFailure;
        public bool InitSelected;
        public float PreClampS;
        public float MeanPreClampD;
        public int InitRating;
    }
}
