using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Tests.Workspace;

public sealed class FuzzyMatchTests
{
    [Theory]
    [InlineData("rnn", "What is an RNN?")]
    [InlineData("bptt", "Backpropagation through time (BPTT)")]
    [InlineData("whis", "What is it?")]
    [InlineData("", "anything")]
    public void Subsequence_matches(string query, string candidate) => Assert.NotNull(FuzzyMatch.Score(query, candidate));

    [Theory]
    [InlineData("xyz", "What is an RNN?")]
    [InlineData("nnr", "RNN")]
    [InlineData("rnn", "RN")]
    public void Out_of_order_or_missing_characters_do_not_match(string query, string candidate) => Assert.Null(FuzzyMatch.Score(query, candidate));

    [Theory]
    [InlineData("gate", "What does a gate do?", "Go and then eat")]
    [InlineData("lstm", "LSTM cells", "Long short-term memory")]
    [InlineData("rnn", "RNN basics", "What is an RNN?")]
    public void Better_match_ranks_higher(string query, string better, string worse) =>
        Assert.True(FuzzyMatch.Score(query, better) > FuzzyMatch.Score(query, worse));
}
