using DeckLsp.Server.Handlers;
using PolyType;

namespace DeckLsp.Server.Hosting;

/// <summary>
/// What StreamJsonRpc needs to know of each handler (its public methods, their parameters and attributes), generated at
/// build time by PolyType rather than reflected over at run time: its NativeAOT guide's target metadata. A handler
/// missing here cannot be registered (<see cref="ServerServices.AddLspHandler{THandler, TShapes}"/> does not compile).
/// </summary>
[GenerateShapeFor<LifecycleHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<TextSyncHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<CodeLensHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<DocumentSymbolHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<FoldingRangeHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<HoverHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<CompletionHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<CodeActionHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<WorkspaceSymbolHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<WatchedFilesHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<ReviewHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<StatisticsHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<RenameFilesHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<ExecuteCommandHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<InlayHintHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
internal sealed partial class HandlerShapes;
