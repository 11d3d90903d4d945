using DeckLsp.Core.Optimization;

namespace DeckLsp.Core.Tests.Optimization;

/// <summary>The training loss and its hand-written gradient (a port of fsrs-rs's analytic.rs).</summary>
public sealed class GradientTests
{
    // fsrs-rs's test_loss_and_grad batch (training.rs), one column per item: history, then the review predicted.
    private static readonly FsrsItem[] Batch =
    [
        Item([(1, 0), (3, 0), (1, 0), (4, 0), (3, 1), (2, 3)], (3, 4)),
        Item([(2, 0), (4, 0), (4, 0), (3, 1), (1, 3), (3, 6)], (3, 11)),
        Item([(3, 0), (2, 0), (4, 0), (3, 1), (3, 3), (3, 6)], (3, 12)),
        Item([(4, 0), (4, 0), (3, 1), (3, 3), (3, 5), (4, 12)], (1, 23)),
    ];

    [Fact]
    public void Loss_and_gradient_of_the_defaults_match_fsrs_rs()
    {
        var w = FsrsParameters.Default.ToArray();
        var gradient = new double[21];
        var model = new FsrsGradient(w);
        var loss = Batch.Sum(item => model.Loss(item, 1f, gradient));

        Assert.Equal(4.0466027, loss, 5);
        double[] expected =
        [
            -0.095688485, -0.0051607806, -0.0012249565, 0.007462064, 0.03650761, -0.082112335, 0.0593964, -2.1474836,
            0.57626534, -2.8751316, 0.7154875, -0.028993709, 0.0099172965, -0.2189217, -0.0017800558, -0.089381434,
            0.299141, 0.068104014, -0.011605468, -0.25398168, 0.27700496,
        ];
        for (var i = 0; i < 21; i++)
        {
            Assert.True(Math.Abs(expected[i] - gradient[i]) <= 1e-4, $"w{i}: expected {expected[i]}, got {gradient[i]}");
        }
    }

    [Fact]
    public void Gradient_matches_finite_differences_of_the_loss()
    {
        var items = OptimizerFixtures.Get("anki.csv").Items.Where(i => i.Count > 3).Take(200).ToList();
        var w = FsrsParameters.Default.ToArray();
        w[7] = 0.05f; // off its clamp, so w7 has a two-sided derivative
        var gradient = new double[21];
        var model = new FsrsGradient(w);
        foreach (var item in items)
        {
            model.Loss(item, 1f, gradient);
        }

        for (var i = 0; i < 21; i++)
        {
            var h = 1e-3f * MathF.Max(1f, MathF.Abs(w[i]));
            var numeric = (LossAt(items, w, i, h) - LossAt(items, w, i, -h)) / (2.0 * h);
            Assert.True(Math.Abs(numeric - gradient[i]) <= 0.02 * Math.Max(1.0, Math.Abs(numeric)),
                $"w{i}: finite difference {numeric}, analytic {gradient[i]}");
        }
    }

    private static double LossAt(List<FsrsItem> items, float[] w, int index, float step)
    {
        var moved = (float[])w.Clone();
        moved[index] += step;
        var model = new FsrsGradient(moved);
        return items.Sum(item => model.Loss(item, 1f, null));
    }

    private static FsrsItem Item((int Rating, int DeltaT)[] history, (int Rating, int DeltaT) current) =>
        new([.. history.Select(r => new FsrsReview(r.Rating, r.DeltaT)), new FsrsReview(current.Rating, current.DeltaT)]);
}
