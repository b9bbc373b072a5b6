using System.Globalization;

namespace Tagnn.Data;

/// <summary>The rows of one synthetic session in the real layouts, formatted into a reused line buffer (no per-row
/// strings): <see cref="SyntheticClickLog"/> writes millions of them.</summary>
internal static class SyntheticLogRows
{
    private static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

    /// <summary>Writes one session as Diginetica rows (<c>sessionId;userId;itemId;timeframe;eventdate</c>), shuffled.</summary>
    public static void Diginetica(StreamWriter w, char[] line, DeterministicRandom rng, SyntheticClickLogOptions options,
        SyntheticWorld world, SyntheticSessionBuilder session, int sessionId, int day, int second)
    {
        var date = (options.StartDate ?? new DateOnly(2016, 1, 1)).AddDays(day);
        Span<char> dateText = stackalloc char[10];
        date.TryFormat(dateText, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var user = rng.Chance(options.KnownUserShare) ? (rng.Next(Math.Max(1, options.Sessions / 3)) + 1).ToString(CultureInfo.InvariantCulture) : "NA";
        // Timeframes: milliseconds, increasing within the session; rows are then shuffled.
        var frames = session.Frames;
        long t = second * 1000L + rng.Next(1000);
        for (var p = 0; p < session.Length; p++)
        {
            frames[p] = (t, p);
            t += (5 + rng.Next(295)) * 1000L + rng.Next(1000);
        }
        rng.Shuffle(frames.AsSpan(0, session.Length));
        for (var r = 0; r < session.Length; r++)
        {
            var (frame, p) = frames[r];
            var n = 0;
            Append(line, ref n, sessionId);
            line[n++] = ';';
            user.CopyTo(line.AsSpan(n));
            n += user.Length;
            line[n++] = ';';
            var item = world.ItemId[session.Clicks[p]];
            item.CopyTo(line.AsSpan(n));
            n += item.Length;
            line[n++] = ';';
            Append(line, ref n, frame);
            line[n++] = ';';
            dateText.CopyTo(line.AsSpan(n));
            n += 10;
            line[n++] = '\n';
            w.Write(line, 0, n);
        }
    }

    /// <summary>Writes one session as Yoochoose rows (<c>session,YYYY-MM-DDTHH:MM:SS.fffZ,item,0</c>), in time order.</summary>
    public static void Yoochoose(StreamWriter w, char[] line, DeterministicRandom rng, SyntheticClickLogOptions options,
        SyntheticWorld world, SyntheticSessionBuilder session, int sessionId, int day, int second)
    {
        var startDay = (long)(options.StartDate ?? new DateOnly(2014, 4, 1)).DayNumber - EpochDayNumber + day;
        long ms = second * 1000L + rng.Next(1000);
        for (var p = 0; p < session.Length; p++)
        {
            var n = 0;
            Append(line, ref n, sessionId);
            line[n++] = ',';
            var dayOffset = ms / 86_400_000L;
            var msOfDay = ms % 86_400_000L;
            WriteDate(line, ref n, startDay + dayOffset);
            line[n++] = 'T';
            Append2(line, ref n, (int)(msOfDay / 3_600_000));
            line[n++] = ':';
            Append2(line, ref n, (int)(msOfDay / 60_000 % 60));
            line[n++] = ':';
            Append2(line, ref n, (int)(msOfDay / 1000 % 60));
            line[n++] = '.';
            var frac = (int)(msOfDay % 1000);
            line[n++] = (char)('0' + frac / 100);
            line[n++] = (char)('0' + frac / 10 % 10);
            line[n++] = (char)('0' + frac % 10);
            line[n++] = 'Z';
            line[n++] = ',';
            var item = world.ItemId[session.Clicks[p]];
            item.CopyTo(line.AsSpan(n));
            n += item.Length;
            line[n++] = ',';
            line[n++] = '0';
            line[n++] = '\n';
            w.Write(line, 0, n);
            ms += (5 + rng.Next(295)) * 1000L + rng.Next(1000);
        }
    }

    private static void Append(char[] line, ref int n, long value)
    {
        value.TryFormat(line.AsSpan(n), out var written, default, CultureInfo.InvariantCulture);
        n += written;
    }

    private static void Append2(char[] line, ref int n, int value)
    {
        line[n++] = (char)('0' + value / 10);
        line[n++] = (char)('0' + value % 10);
    }

    private static void WriteDate(char[] line, ref int n, long daysSinceEpoch)
    {
        var date = DateOnly.FromDayNumber((int)(daysSinceEpoch + EpochDayNumber));
        date.TryFormat(line.AsSpan(n), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        n += written;
    }
}
