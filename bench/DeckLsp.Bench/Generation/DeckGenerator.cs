using System.Text;

namespace DeckLsp.Bench.Generation;

/// <summary>
/// Writes the benchmark's decks: the same text for the same card count on every machine (its own PRNG, no culture),
/// with cards of every shape, a section every ~50 cards and a few deliberate problems, as real decks have.
/// </summary>
public static class DeckGenerator
{
    /// <summary>Relative images the decks link to; the bench creates them next to the deck so DECK015 stays quiet.</summary>
    public static readonly string[] ImageFiles = [.. Enumerable.Range(0, 8).Select(i => $"img/figure-{i}.png")];

    /// <summary>Every this many cards, one has an empty answer (DECK003): real decks being written have a few errors.</summary>
    public const int ProblemEvery = 250;

    public static string Deck(int cards, int seed = 1, string? title = null)
    {
        var random = new SplitMix(unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)cards));
        var text = new StringBuilder(cards * 420);
        text.Append("---\ntitle: ").Append(title ?? $"Bench deck of {cards} cards").Append("\ntags: [bench, generated]\n---\n\n");
        text.Append("# ").Append(title ?? "Bench deck").Append("\n\nNotes before the first card describe the deck.\n\n");
        var section = 0;
        for (var card = 0; card < cards; card++)
        {
            if (card % 50 == 0)
            {
                section++;
                text.Append("## Section ").Append(section).Append(": ").Append(Words(random, 3)).Append("\n\n");
            }
            else if (card % 50 == 25 && random.Next(3) == 0)
            {
                text.Append("### Part ").Append(section).Append('.').Append(card % 50).Append("\n\n");
            }

            if (card % ProblemEvery == ProblemEvery / 2 || (cards < ProblemEvery && card == cards / 2))
            {
                // A card still being written: the question is there, the answer not yet.
                text.Append("Q: What is left to write for card ").Append(card).Append("?\n\nA:\n\n");
                continue;
            }

            AppendCard(text, random, card);
        }

        return text.ToString();
    }

    /// <summary>Where the benchmark types: the empty answer nearest the middle of the deck, just after its "A:".</summary>
    public static int EmptyAnswerOffset(string deck)
    {
        var middle = deck.Length / 2;
        var best = -1;
        for (var at = deck.IndexOf("\n\nA:\n", StringComparison.Ordinal); at >= 0; at = deck.IndexOf("\n\nA:\n", at + 1, StringComparison.Ordinal))
        {
            if (best < 0 || Math.Abs(at - middle) < Math.Abs(best - middle))
            {
                best = at;
            }
        }

        return best < 0 ? -1 : best + "\n\nA:".Length;
    }

    private static void AppendCard(StringBuilder text, SplitMix random, int card)
    {
        switch (random.Next(10))
        {
            case 0:
                // The compact form: no blank line between the sides.
                text.Append("Q: ").Append(Question(random, card)).Append("\nA: ").Append(Sentence(random)).Append("\n\n");
                break;
            case 1:
                text.Append("Q: ").Append(Question(random, card)).Append("\n\nA: ").Append(Sentence(random)).Append("\n\n")
                    .Append(Sentence(random)).Append(' ').Append(Sentence(random)).Append("\n\n").Append(Sentence(random)).Append("\n\n");
                break;
            case 2:
                text.Append("Q: ").Append(Question(random, card)).Append("\n\nA: The steps:\n\n");
                for (var i = 0; i < 3 + random.Next(3); i++)
                {
                    text.Append("- ").Append(Sentence(random)).Append('\n');
                }

                text.Append("\n1. first *").Append(Words(random, 2)).Append("*\n2. then **").Append(Words(random, 2)).Append("**\n\n");
                break;
            case 3:
                text.Append("Q:\nWhat does snippet ").Append(card).Append(" print?\n\n```python\ndef f(x):\n    return {\"k\": x * ")
                    .Append(random.Next(100)).Append("}\n\nprint(f(").Append(random.Next(10)).Append("))\n```\n\nA: `{'k': ")
                    .Append(random.Next(1000)).Append("}`\n\n");
                break;
            case 4:
                text.Append("Q: ").Append(Question(random, card)).Append(" Use $\\sigma(x) = \\frac{1}{1+e^{-x}}$.\n\nA: It is\n\n$$\n\\nabla_\\theta L = \\sum_{t=1}^{")
                    .Append(random.Next(50)).Append("} \\frac{\\partial L_t}{\\partial \\theta}\n$$\n\nwhich ").Append(Sentence(random)).Append("\n\n");
                break;
            case 5:
                text.Append("Q: ").Append(Question(random, card)).Append("\n\nA: Compared:\n\n| model | params | note |\n|---|---:|---|\n");
                for (var i = 0; i < 3; i++)
                {
                    text.Append("| ").Append(Words(random, 1)).Append(" | ").Append(random.Next(1000)).Append("M | ").Append(Words(random, 3)).Append(" |\n");
                }

                text.Append('\n');
                break;
            case 6:
                text.Append("C: ").Append(Words(random, 3)).Append(" {{").Append(Words(random, 2)).Append("}} ").Append(Words(random, 4))
                    .Append(" {{").Append(Words(random, 1)).Append("::hint ").Append(card).Append("}} and `{{not a deletion}}`.\n\n");
                if (random.Next(2) == 0)
                {
                    text.Append("A: Extra: ").Append(Sentence(random)).Append("\n\n");
                }

                break;
            case 7:
                text.Append("Q: ").Append(Question(random, card)).Append(" <!-- id: card-").Append(card).Append(" -->\n\nA: ")
                    .Append(Sentence(random)).Append("\n\n");
                break;
            case 8:
                text.Append("Q: ").Append(Question(random, card)).Append("\n\nA: See [the paper](https://example.org/p/").Append(card)
                    .Append(") and ~~not~~ this:\n\n> ").Append(Sentence(random)).Append("\n\n");
                break;
            default:
                text.Append("Q: ").Append(Question(random, card)).Append("\n\nA: ").Append(Sentence(random));
                if (random.Next(4) == 0)
                {
                    text.Append("\n\n![diagram](").Append(ImageFiles[random.Next(ImageFiles.Length)]).Append(')');
                }

                text.Append("\n\n");
                break;
        }

        if (random.Next(12) == 0)
        {
            text.Append("---\n\n");
        }
    }

    private static readonly string[] Vocabulary =
    [
        "gradient", "network", "recurrent", "hidden", "state", "vector", "attention", "layer", "weight", "bias", "sequence",
        "token", "embedding", "loss", "softmax", "kernel", "matrix", "entropy", "sample", "batch", "epoch", "dropout",
        "residual", "norm", "encoder", "decoder", "memory", "gate", "cell", "unit", "signal", "error", "model", "data",
    ];

    private static string Question(SplitMix random, int card) => $"What is the {Words(random, 2)} of item {card} in the {Words(random, 1)} model?";

    private static string Sentence(SplitMix random)
    {
        var words = Words(random, 6 + random.Next(10));
        return char.ToUpperInvariant(words[0]) + words[1..] + ".";
    }

    private static string Words(SplitMix random, int count)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(Vocabulary[random.Next(Vocabulary.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>SplitMix64: fixed forever, unlike System.Random's algorithm.</summary>
    private sealed class SplitMix(ulong state)
    {
        public int Next(int bound)
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z % (ulong)bound);
        }
    }
}
