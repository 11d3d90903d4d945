using DeckLsp.Core.Model;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>Cards of every deck in the workspace whose question fuzzily matches the query, best first.</summary>
internal sealed class WorkspaceSymbolHandler(WorkspaceDecks decks, WorkspaceIndex index) : ILspHandler
{
    internal const int MaxResults = 500;

    [JsonRpcMethod(Methods.WorkspaceSymbol, UseSingleObjectParameterDeserialization = true)]
    public async Task<SymbolInformation[]> WorkspaceSymbolAsync(WorkspaceSymbolParams parameters, CancellationToken cancellationToken)
    {
        // The first scan runs in the background after `initialized`; a search waits for it rather than miss decks.
        await index.Ready.WaitAsync(cancellationToken);
        var matches = new List<(int Score, SymbolInformation Symbol)>();
        foreach (var deck in decks.All())
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var card in deck.Cards)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (FuzzyMatch.Score(parameters.Query, card.Title) is not { } score)
                {
                    continue;
                }

                matches.Add((score, new SymbolInformation
                {
                    Name = card.Title.Length > 0 ? card.Title : "(empty question)",
                    Kind = SymbolKind.Key,
                    Location = new Location { Uri = deck.Uri, Range = card.Range.ToLsp() },
                    ContainerName = card.Kind switch
                    {
                        CardKind.Cloze => $"{deck.Title} (cloze)",
                        CardKind.Reversible => $"{deck.Title} (reversible)",
                        _ => deck.Title,
                    },
                }));
            }
        }

        return matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.Symbol.Name.Length)
            .ThenBy(m => m.Symbol.Location.Uri, StringComparer.Ordinal)
            .ThenBy(m => m.Symbol.Location.Range.Start.Line)
            .Take(MaxResults)
            .Select(m => m.Symbol)
            .ToArray();
    }
}
