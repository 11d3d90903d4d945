using System.Globalization;
using System.Text.Json;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Reads tests/fixtures/fsrs/vectors.json (written by generate.mjs with ts-fsrs) once per test run.</summary>
internal static class FsrsVectors
{
    private static readonly Lazy<(string Generator, IReadOnlyDictionary<string, VectorSequence> Sequences)> File =
        new(Load);

    public static string Generator => File.Value.Generator;

    public static IReadOnlyDictionary<string, VectorSequence> Sequences => File.Value.Sequences;

    public static VectorSequence Get(string name) => Sequences[name];

    private static (string, IReadOnlyDictionary<string, VectorSequence>) Load()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(RepositoryPaths.FsrsVectors));
        var root = doc.RootElement;
        var sequences = new Dictionary<string, VectorSequence>(StringComparer.Ordinal);
        foreach (var seq in root.GetProperty("sequences").EnumerateArray())
        {
            var name = seq.GetProperty("name").GetString()!;
            var opts = seq.GetProperty("options");
            var options = new FsrsOptions
            {
                DesiredRetention = opts.GetProperty("request_retention").GetDouble(),
                MaximumInterval = opts.GetProperty("maximum_interval").GetInt32(),
                EnableShortTerm = opts.GetProperty("enable_short_term").GetBoolean(),
                EnableFuzz = opts.GetProperty("enable_fuzz").GetBoolean(),
                LearningSteps = opts.GetProperty("learning_steps").EnumerateArray().Select(s => ParseStep(s.GetString()!)).ToArray(),
                RelearningSteps = opts.GetProperty("relearning_steps").EnumerateArray().Select(s => ParseStep(s.GetString()!)).ToArray(),
            };
            IReadOnlyList<double>? effective = null;
            if (opts.TryGetProperty("w", out var w))
            {
                options = options with { Weights = w.EnumerateArray().Select(x => x.GetDouble()).ToArray() };
                effective = opts.GetProperty("effective_w").EnumerateArray().Select(x => x.GetDouble()).ToArray();
            }

            var seed = seq.GetProperty("seed");
            long? cardId = seed.GetProperty("kind").GetString() == "card_id" ? seed.GetProperty("card_id").GetInt64() : null;
            var reviews = seq.GetProperty("reviews").EnumerateArray().Select(ParseReview).ToArray();
            sequences.Add(name, new VectorSequence(name, options, effective, cardId, reviews));
        }

        return (root.GetProperty("generator").GetString()!, sequences);
    }

    private static VectorReview ParseReview(JsonElement r)
    {
        var c = r.GetProperty("card");
        var lastReview = c.GetProperty("last_review");
        var expected = new CardMemory(
            (CardState)c.GetProperty("state").GetInt32(),
            ParseTime(c.GetProperty("due").GetString()!),
            c.GetProperty("stability").GetDouble(),
            c.GetProperty("difficulty").GetDouble(),
            c.GetProperty("scheduled_days").GetInt32(),
            c.GetProperty("learning_steps").GetInt32(),
            c.GetProperty("reps").GetInt32(),
            c.GetProperty("lapses").GetInt32(),
            lastReview.ValueKind == JsonValueKind.Null ? null : ParseTime(lastReview.GetString()!));
        return new VectorReview(
            ParseTime(r.GetProperty("review").GetString()!),
            (Grade)r.GetProperty("grade").GetInt32(),
            r.GetProperty("retrievability").GetDouble(),
            expected);
    }

    private static DateTimeOffset ParseTime(string iso) =>
        DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // ts-fsrs step strings: an integer followed by m, h or d.
    private static TimeSpan ParseStep(string step)
    {
        var value = int.Parse(step.AsSpan(0, step.Length - 1), CultureInfo.InvariantCulture);
        return step[^1] switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => throw new FormatException($"Unknown step unit in '{step}'."),
        };
    }
}
