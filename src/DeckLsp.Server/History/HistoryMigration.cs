using DeckLsp.Core.History;
using DeckLsp.Core.Identity;

namespace DeckLsp.Server.History;

/// <summary>What a migration brought into a repository's history.</summary>
internal sealed record MigrationResult(string From, int Decks, int Ratings);

/// <summary>
/// Brings the history a repository's decks have in an older database (the per-user one, or the per-workspace one
/// VS Code used) into the repository's log, once (docs/history.md). Ratings already there are not written again, so
/// running it twice, or on two machines that both had the old database, adds each rating once.
/// </summary>
internal static class HistoryMigration
{
    private const string DoneSetting = "migrated-to:";

    /// <summary>Migrates from each of <paramref name="databases"/> that exists; returns what was brought, per database.</summary>
    public static IReadOnlyList<MigrationResult> Run(RepositoryHistory target, IEnumerable<string> databases, DateTimeOffset now,
        bool force = false)
    {
        var results = new List<MigrationResult>();
        foreach (var path in databases.Where(File.Exists).Distinct(StringComparer.Ordinal))
        {
            var (database, warning) = HistoryDatabase.Open(path);
            if (database is null)
            {
                target.Warn?.Invoke($"{warning} Its history was not brought into {target.Name}.");
                continue;
            }

            using (database)
            {
                var done = DoneSetting + target.Repository.Root;
                if (!force && database.GetSetting(done) is not null)
                {
                    continue;
                }

                database.ConvertLegacy(target.Device, now);
                var result = Migrate(target, path, database);
                database.SetSetting(done, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                if (result.Ratings > 0 || result.Decks > 0)
                {
                    results.Add(result);
                }
            }
        }

        return results;
    }

    private static MigrationResult Migrate(RepositoryHistory target, string path, HistoryDatabase database)
    {
        var events = database.EventsAfter(0).Select(e => HistoryLine.Parse(e.Device, e.Line).Event).OfType<HistoryEvent>().ToList();
        var legacy = ReviewHistory.Build(target.Replay, events);

        // The decks of this repository: last placed at a path inside it.
        var decks = new Dictionary<DeckKey, string>();
        foreach (var deck in legacy.Decks)
        {
            if (legacy.Placements.PathOf(deck) is { } placed && Path.IsPathRooted(placed) && target.Repository.Contains(placed))
            {
                decks[deck] = target.Repository.RelativePath(placed);
            }
        }

        var current = target.Current;
        var drafts = new List<HistoryEvent>();
        var draft = new EventId(target.Device, 0);
        var now = DateTimeOffset.UtcNow;
        var ratings = 0;
        foreach (var (deck, relative) in decks.OrderBy(d => d.Value, StringComparer.Ordinal))
        {
            if (!deck.IsId && current.Placements.KeyOf(relative) != deck)
            {
                drafts.Add(new DeckPlacedEvent(draft, now, deck, relative));
            }

            var identity = legacy.IdentityOf(deck);
            foreach (var (card, seen) in identity.Seen.OrderBy(s => s.Key.Value, StringComparer.Ordinal))
            {
                if (!current.IdentityOf(deck).Seen.ContainsKey(card))
                {
                    drafts.Add(seen with { Id = draft });
                }
            }

            foreach (var key in identity.Rated.OrderBy(k => k.ToString(), StringComparer.Ordinal))
            {
                var there = current.Card(key).Ratings.Select(r => (r.At, r.Rating, r.Cram)).ToHashSet();
                foreach (var rating in legacy.Card(key).Ratings)
                {
                    if (!there.Contains((rating.At, rating.Rating, rating.Cram)))
                    {
                        drafts.Add(rating with { Id = draft });
                        ratings++;
                    }
                }
            }
        }

        target.Append(drafts);
        return new MigrationResult(path, ratings > 0 ? decks.Count : 0, ratings);
    }
}
