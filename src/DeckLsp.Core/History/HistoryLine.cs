using System.Globalization;
using System.Text;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.History;

/// <summary>
/// One event as one line of a device's log (docs/history.md): tab-separated fields, the kind first, then the
/// device's sequence number and the UTC time. The device is the log file's name, so it is not repeated.
/// <code>
/// r  SEQ  TIME  DECK  REVIEW-KEY  RATING  DURATION-MS  [c]
/// u  SEQ  TIME  DECK  REVIEW-KEY  TARGET-DEVICE  TARGET-SEQ
/// b  SEQ  TIME  DECK  REVIEW-KEY  RATING-SEQ  DAYS
/// k  SEQ  TIME  DECK  CARD  QUESTION-HASH  ANSWER-HASH
/// d  SEQ  TIME  DECK  PATH
/// m  SEQ  TIME  DECK  FROM-CARD  TO-CARD
/// p  SEQ  TIME  W0,W1,…,W20
/// </code>
/// A field holding a tab, a line break or a backslash escapes it as <c>\t</c>, <c>\n</c>, <c>\r</c>, <c>\\</c>.
/// </summary>
public static class HistoryLine
{
    /// <summary>The first line of every log: a comment naming the format and its version.</summary>
    public const string Header = "#decklsp-history 1";

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The time as the log keeps it: UTC, to the millisecond (what a replay on another machine will see).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>
    /// <paramref name="draft"/> as the <paramref name="sequence"/>th event of <paramref name="device"/>, its time as the log
    /// keeps it; a <see cref="BalancedEvent"/> draft that names no rating takes the event just before it.
    /// </summary>
    public static HistoryEvent Numbered(HistoryEvent draft, string device, long sequence)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var numbered = draft with { Id = new EventId(device, sequence), At = Truncate(draft.At) };
        return numbered is BalancedEvent { RatingSequence: 0 } balanced ? balanced with { RatingSequence = sequence - 1 } : numbered;
    }

    /// <summary>The line for <paramref name="event"/>, without its line break.</summary>
    public static string Format(HistoryEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var line = new StringBuilder(96);
        void Field(string value) => Escape(line.Append('\t'), value);
        line.Append(@event switch
        {
            RatingEvent => 'r',
            UndoEvent => 'u',
            BalancedEvent => 'b',
            CardSeenEvent => 'k',
            DeckPlacedEvent => 'd',
            KeyMovedEvent => 'm',
            ParametersEvent => 'p',
            _ => throw new ArgumentException($"No line format for {@event.GetType().Name}.", nameof(@event)),
        });
        Field(@event.Id.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(Truncate(@event.At).UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture));
        switch (@event)
        {
            case RatingEvent rating:
                Field(rating.Key.Deck.Value);
                Field(rating.Key.Local);
                Field(rating.Rating.ToString(CultureInfo.InvariantCulture));
                Field(rating.DurationMs.ToString(CultureInfo.InvariantCulture));
                if (rating.Cram)
                {
                    Field("c");
                }

                break;
            case UndoEvent undo:
                Field(undo.Key.Deck.Value);
                Field(undo.Key.Local);
                Field(undo.Target.Device);
                Field(undo.Target.Sequence.ToString(CultureInfo.InvariantCulture));
                break;
            case BalancedEvent balanced:
                Field(balanced.Key.Deck.Value);
                Field(balanced.Key.Local);
                Field(balanced.RatingSequence.ToString(CultureInfo.InvariantCulture));
                Field(balanced.Days.ToString(CultureInfo.InvariantCulture));
                break;
            case CardSeenEvent seen:
                Field(seen.Deck.Value);
                Field(seen.Card.Value);
                Field(seen.Question.ToString("x16", CultureInfo.InvariantCulture));
                Field(seen.Answer.ToString("x16", CultureInfo.InvariantCulture));
                break;
            case DeckPlacedEvent placed:
                Field(placed.Deck.Value);
                Field(placed.Path);
                break;
            case KeyMovedEvent moved:
                Field(moved.Deck.Value);
                Field(moved.From.Value);
                Field(moved.To.Value);
                break;
            case ParametersEvent parameters:
                Field(string.Join(",", parameters.Parameters.Select(p => p.ToString("R", CultureInfo.InvariantCulture))));
                break;
        }

        return line.ToString();
    }

    /// <summary>
    /// Reads one line written by <paramref name="device"/>. Null for a blank line or a comment; otherwise the event, or a
    /// sentence saying what is wrong with the line (the caller names the file and line).
    /// </summary>
    public static (HistoryEvent? Event, string? Problem) Parse(string device, string line)
    {
        ArgumentException.ThrowIfNullOrEmpty(device);
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0 || line[0] == '#')
        {
            return (null, null);
        }

        var fields = line.Split('\t');
        if (fields[0].Length != 1)
        {
            return (null, $"unknown event kind `{Shorten(fields[0])}`");
        }

        var (count, kind) = fields[0][0] switch
        {
            'r' => (fields.Length is 7 or 8 ? fields.Length : 7, "rating"),
            'u' => (7, "undo"),
            'b' => (7, "balanced day"),
            'k' => (7, "card"),
            'd' => (5, "deck"),
            'm' => (6, "key move"),
            'p' => (4, "parameters"),
            var other => (-1, other.ToString()),
        };
        if (count < 0)
        {
            // A newer DeckLsp may write kinds this one does not know: they are skipped, not fatal.
            return (null, $"unknown event kind `{kind}` (written by a newer DeckLsp?)");
        }

        if (fields.Length != count)
        {
            return (null, $"a {kind} event has {count} fields, this line has {fields.Length}");
        }

        if (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence <= 0)
        {
            return (null, $"`{Shorten(fields[1])}` is not a sequence number");
        }

        if (!TryParseTime(fields[2], out var at))
        {
            return (null, $"`{Shorten(fields[2])}` is not a UTC time like 2026-12-01T09:30:00.000Z");
        }

        var id = new EventId(device, sequence);
        try
        {
            return (fields[0][0] switch
            {
                'r' => Rating(id, at, fields),
                'u' => new UndoEvent(id, at, ReviewKey.Parse(new DeckKey(Unescape(fields[3])), Unescape(fields[4])),
                    new EventId(Unescape(fields[5]), Number(fields[6], "target sequence", 1))),
                'b' => new BalancedEvent(id, at, ReviewKey.Parse(new DeckKey(Unescape(fields[3])), Unescape(fields[4])),
                    Number(fields[5], "rating sequence", 1), Days(fields[6])),
                'k' => new CardSeenEvent(id, at, new DeckKey(Unescape(fields[3])), new CardKey(Unescape(fields[4])),
                    Hash(fields[5]), Hash(fields[6])),
                'd' => new DeckPlacedEvent(id, at, new DeckKey(Unescape(fields[3])), Path(fields[4])),
                'p' => new ParametersEvent(id, at, Parameters(fields[3])),
                _ => new KeyMovedEvent(id, at, new DeckKey(Unescape(fields[3])), new CardKey(Unescape(fields[4])), new CardKey(Unescape(fields[5]))),
            }, null);
        }
        catch (FormatException e)
        {
            return (null, e.Message);
        }
        catch (ArgumentException)
        {
            return (null, $"a {kind} event has an empty field");
        }
    }

    // The log's one time format, read digit by digit: a history of 100,000 lines is read at every start, and the
    // general parser costs several times more. Anything else falls through to it, so the rule stays one.
    private static bool TryParseTime(string text, out DateTimeOffset time)
    {
        static bool Digits(string text, int start, int count, out int value)
        {
            value = 0;
            for (var i = start; i < start + count; i++)
            {
                var digit = text[i] - '0';
                if (digit is < 0 or > 9)
                {
                    return false;
                }

                value = (value * 10) + digit;
            }

            return true;
        }

        if (text.Length == 24 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' && text[16] == ':' && text[19] == '.'
            && text[23] == 'Z' && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month) && Digits(text, 8, 2, out var day)
            && Digits(text, 11, 2, out var hour) && Digits(text, 14, 2, out var minute) && Digits(text, 17, 2, out var second)
            && Digits(text, 20, 3, out var millisecond) && year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour < 24 && minute < 60 && second < 60)
        {
            time = new DateTimeOffset(year, month, day, hour, minute, second, millisecond, TimeSpan.Zero);
            return true;
        }

        return DateTimeOffset.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
    }

    private static RatingEvent Rating(EventId id, DateTimeOffset at, string[] fields)
    {
        var rating = (int)Number(fields[5], "rating", 1);
        if (rating > 5)
        {
            throw new FormatException($"rating {rating} is not 1 to 5");
        }

        if (fields.Length == 8 && fields[7] != "c")
        {
            throw new FormatException($"unknown rating flag `{Shorten(fields[7])}`");
        }

        var key = ReviewKey.Parse(new DeckKey(Unescape(fields[3])), Unescape(fields[4]));
        return new RatingEvent(id, at, key, rating, Number(fields[6], "duration", 0), Cram: fields.Length == 8);
    }

    private static double[] Parameters(string field)
    {
        var values = field.Split(',');
        var parameters = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parameters[i]) || !double.IsFinite(parameters[i]))
            {
                throw new FormatException($"`{Shorten(values[i])}` is not a parameter");
            }
        }

        return parameters.Length == 21 ? parameters : throw new FormatException($"FSRS-6 has 21 parameters, this line has {parameters.Length}");
    }

    private static long Number(string field, string what, long least) =>
        long.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= least
            ? value
            : throw new FormatException($"`{Shorten(field)}` is not a valid {what}");

    // A day count as a scheduler can give it: 1 day to 100 years.
    private static int Days(string field) =>
        Number(field, "number of days", 1) is var days && days <= 36500
            ? (int)days
            : throw new FormatException($"`{Shorten(field)}` days is more than 36500");

    private static ulong Hash(string field) =>
        field.Length == 16 && ulong.TryParse(field, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"`{Shorten(field)}` is not a 16-digit hex hash");

    private static string Path(string field)
    {
        var path = Unescape(field);
        return path.Length > 0 ? path : throw new FormatException("a deck event has an empty path");
    }

    private static void Escape(StringBuilder line, string value)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': line.Append(@"\\"); break;
                case '\t': line.Append(@"\t"); break;
                case '\n': line.Append(@"\n"); break;
                case '\r': line.Append(@"\r"); break;
                default: line.Append(c); break;
            }
        }
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var value = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i + 1 == field.Length)
            {
                value.Append(field[i]);
                continue;
            }

            value.Append(field[++i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                var other => other,
            });
        }

        return value.ToString();
    }

    private static string Shorten(string field) => field.Length <= 40 ? field : field[..40] + "…";
}
