using System.Text.Json.Serialization;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>JSON for the tests' own strings, without reflection.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class TestJson : JsonSerializerContext;
