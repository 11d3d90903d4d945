namespace DeckLsp.Core.Diagnostics;

/// <summary>The diagnostic codes: part of the contract with users and CI scripts (docs/diagnostics.md).</summary>
public static class DiagnosticCodes
{
    public const string QuestionWithoutAnswer = "DECK001";
    public const string AnswerWithoutQuestion = "DECK002";
    public const string EmptyQuestion = "DECK003";
    public const string EmptyAnswer = "DECK004";
    public const string SecondAnswer = "DECK005";
    public const string DuplicateQuestion = "DECK006";
    public const string LookAlikeMarker = "DECK007";
    public const string NestedMarker = "DECK008";
    public const string DuplicateId = "DECK009";
    public const string MalformedId = "DECK010";
    public const string FrontMatter = "DECK011";
    public const string ClozeWithoutDeletion = "DECK012";
    public const string UnbalancedCloze = "DECK013";
    public const string AnswerSameAsQuestion = "DECK014";
    public const string MissingLinkTarget = "DECK015";
    public const string UnreadablePart = "DECK016";
    public const string DeckTooLarge = "DECK017";
    public const string InvalidUtf8 = "DECK018";
    public const string MalformedTag = "DECK019";
    public const string EmptyDeletion = "DECK020";
    public const string NeighbourSyntax = "DECK021";
    public const string ReverseDuplicate = "DECK022";
}
