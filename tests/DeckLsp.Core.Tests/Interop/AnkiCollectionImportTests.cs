using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>An Anki collection's rows as a deck and its reviews: note types' templates, old schedulers' buttons, media names.</summary>
public sealed class AnkiCollectionImportTests
{
    private const long Basic = 1001;
    private const long Deck = 1;
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    private static AnkiCollection Collection(IReadOnlyList<AnkiNote> notes, IReadOnlyList<AnkiReview>? reviews = null) => new(
        notes,
        notes.Select(n => new AnkiCard(n.Id * 10, n.Id, Deck, 0)).ToList(),
        reviews ?? [],
        new Dictionary<long, bool> { [Basic] = false },
        new Dictionary<long, string[]> { [Deck] = ["Geography"] });

    private static AnkiNote Note(long id, params string[] fields) => new(id, $"guid{id}", Basic, fields, "");

    private static AnkiReview Review(int minutes, int ease, int type) =>
        new(Start.AddMinutes(minutes).ToUnixTimeMilliseconds(), 10, ease, 3000, type, 1, 2500);

    [Theory]
    [InlineData(1, new[] { 4, 5, 3, 4, 1 })]
    [InlineData(2, new[] { 3, 4, 3, 3, 1 })]
    public void Learning_answers_of_the_v1_scheduler_are_read_as_Anki_upgrades_them(int scheduler, int[] ratings)
    {
        // v1 shows learning and relearning cards three buttons (Again, Good, Easy): its ease 2 is Good, 3 is Easy.
        var reviews = new[] { Review(0, 2, 0), Review(1, 3, 0), Review(2, 2, 1), Review(3, 2, 2), Review(4, 1, 0) };
        var collection = Collection([Note(1, "q", "a")], reviews) with { SchedulerVersion = scheduler };

        var imported = AnkiCollectionImport.ToDeck(collection, "x", "x.media");

        Assert.Equal(ratings, imported.Reviews.Select(r => r.Rating));
    }

    [Fact]
    public void The_card_template_chooses_the_question_and_answer_and_one_note_names_the_fields_left_out()
    {
        var type = new AnkiNotetype(Basic, "Countries", false, ["Sort", "Country", "Capital", "Notes"],
            [new AnkiTemplate("<div>{{Country}}</div>", "{{FrontSide}}<hr id=answer>{{Capital}}")]);
        var notes = Enumerable.Range(1, 3).Select(i => Note(i, $"07-02-0{i}", $"Country {i}", $"Capital {i}", i == 1 ? "" : "extra")).ToList();
        var collection = Collection(notes) with { Notetypes = new Dictionary<long, AnkiNotetype> { [Basic] = type } };

        var imported = AnkiCollectionImport.ToDeck(collection, "x", "x.media");

        var cards = Cards(WriteAndParse(imported.Deck));
        Assert.Equal(("Country 2", "Capital 2"), (cards[1].Question, cards[1].Answer));
        var note = Assert.Single(imported.Deck.Notes, n => n.Contains("Sort", StringComparison.Ordinal));
        Assert.Contains("`Sort` (3 notes)", note, StringComparison.Ordinal);
        Assert.Contains("`Notes` (2 notes)", note, StringComparison.Ordinal);
        Assert.Contains("Countries", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_the_front_template_shows_together_make_the_question()
    {
        var type = new AnkiNotetype(Basic, "Vocabulary", false, ["Word", "Gender", "Meaning", "Example"],
            [new AnkiTemplate("{{Word}} ({{Gender}})", "{{FrontSide}}<hr>{{Meaning}}{{#Example}}<br>{{Example}}{{/Example}}")]);
        var collection = Collection([Note(1, "Hund", "der", "dog", "Der Hund bellt.")]) with { Notetypes = new Dictionary<long, AnkiNotetype> { [Basic] = type } };

        var imported = AnkiCollectionImport.ToDeck(collection, "x", "x.media");

        WriteAndParse(imported.Deck);
        var card = Assert.Single(imported.Deck.Cards);
        Assert.Equal(("Hund\n\nder", "dog\n\nDer Hund bellt."), (card.Question, card.Answer));
        Assert.DoesNotContain(imported.Deck.Notes, n => n.Contains("left out", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_template_a_third_field_is_named_as_left_out()
    {
        var imported = AnkiCollectionImport.ToDeck(Collection([Note(1, "q", "a", "more"), Note(2, "q2", "a2", "")]), "x", "x.media");

        Assert.Contains(imported.Deck.Notes, n => n.Contains("field 3 (1 note)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_media_name_with_a_space_is_found_and_linked()
    {
        var collection = Collection([Note(1, "<img src=\"my image.png\">", "a")]) with { MediaNames = ["my image.png"] };

        var imported = AnkiCollectionImport.ToDeck(collection, "x", "x.media");

        Assert.DoesNotContain(imported.Deck.Notes, n => n.Contains("does not hold", StringComparison.Ordinal));
        Assert.Equal("![](<x.media/my image.png>)", Assert.Single(imported.Deck.Cards).Question);
    }
}
