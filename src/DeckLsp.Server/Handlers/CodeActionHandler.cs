using DeckLsp.Core.Diagnostics;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Quick fixes from <see cref="CodeFixes"/> for the document's diagnostics in the requested range; off the reading loop,
/// cancellable between diagnostics.
/// </summary>
internal sealed class CodeActionHandler(DocumentStore store) : ILspHandler
{
    [JsonRpcMethod(Methods.CodeAction, UseSingleObjectParameterDeserialization = true)]
    public async Task<CodeAction[]> CodeActionAsync(CodeActionParams parameters, CancellationToken cancellationToken)
    {
        var uri = parameters.TextDocument.Uri;
        if (store.Get(uri) is not { } open
            || parameters.Context.Only is { } only && !only.Any(kind => Protocol.CodeAction.QuickFix.StartsWith(kind, StringComparison.Ordinal)))
        {
            return [];
        }

        await Task.Yield();
        var document = open.Document;
        var lines = document.Lines;
        var range = lines.ToSpan(parameters.Range, document.Text);
        var actions = new List<CodeAction>();
        foreach (var diagnostic in document.Diagnostics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Touching counts: a cursor at the end of a marker still asks for its fixes.
            if (diagnostic.Span.Start > range.End || diagnostic.Span.End < range.Start)
            {
                continue;
            }

            var lsp = diagnostic.ToLsp(lines, uri);
            foreach (var fix in CodeFixes.For(document, diagnostic))
            {
                actions.Add(new CodeAction
                {
                    Title = fix.Title,
                    Kind = Protocol.CodeAction.QuickFix,
                    Diagnostics = [lsp],
                    Edit = new WorkspaceEdit { Changes = new() { [uri] = fix.Edits.Select(e => e.ToLsp(lines)).ToArray() } },
                });
            }
        }

        return actions.ToArray();
    }
}
