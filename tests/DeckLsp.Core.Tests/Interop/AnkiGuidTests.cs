using DeckLsp.Core.Interop;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>The GUID rule: ids go to Anki and back unchanged, GUIDs that are not ids travel spelled out, id-less cards hash their question.</summary>
public sealed class AnkiGuidTests
{
    [Theory]
    [InlineData("bptt-intro", "bptt-intro")]
    [InlineData("f<5P@z8{Ve", "anki-663c3550407a387b5665")]
    [InlineData("~3fa2b1c4d5e6", "anki-7e336661326231633464356536")]
    public void A_guid_becomes_an_id_that_exports_as_the_same_guid(string guid, string id)
    {
        Assert.Equal(id, AnkiGuids.IdFor(guid, "some question"));
        Assert.Equal(guid, AnkiGuids.ForId(id));
    }

    [Fact]
    public void A_guid_too_long_to_spell_out_is_hashed_into_a_valid_id()
    {
        var id = AnkiGuids.IdFor(new string('!', 40), "q")!;

        Assert.True(Model.CardIds.IsValid(id));
        Assert.Equal(id, AnkiGuids.IdFor(new string('!', 40), "q"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-2")]
    [InlineData("-17")]
    public void The_question_hash_of_the_same_question_gives_no_id(string suffix)
    {
        Assert.Null(AnkiGuids.IdFor(AnkiGuids.ForQuestion("What is X?") + suffix, "What is X?"));
    }

    [Fact]
    public void The_question_hash_of_another_question_is_kept_as_an_id()
    {
        var guid = AnkiGuids.ForQuestion("What is X?");

        Assert.Equal(guid, AnkiGuids.IdFor(guid, "What is Y?"));
    }

    [Fact]
    public void The_question_hash_ignores_case_spacing_and_emphasis()
    {
        Assert.Equal(AnkiGuids.ForQuestion("what is  x?"), AnkiGuids.ForQuestion("What is **X**?"));
        Assert.NotEqual(AnkiGuids.ForQuestion("What is X?"), AnkiGuids.ForQuestion("What is Y?"));
    }

    [Theory]
    [InlineData("anki-cafe")]
    [InlineData("anki-")]
    [InlineData("anki-xyz1")]
    public void An_id_that_only_looks_like_a_spelled_out_guid_exports_as_itself(string id)
    {
        Assert.Equal(id, AnkiGuids.ForId(id));
    }
}
