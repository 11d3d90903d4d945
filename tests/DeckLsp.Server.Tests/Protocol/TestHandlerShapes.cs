using PolyType;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// The shapes of the handlers tests add to a server (a probe of its text, a handler that fails): the server finds a
/// handler's methods through its shape, as the native executable must (Hosting/HandlerShapes.cs).
/// </summary>
[GenerateShapeFor<ProtocolFuzzProperties.TextProbe>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
[GenerateShapeFor<ErrorMessageTests.CastingHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
internal sealed partial class TestHandlerShapes;
