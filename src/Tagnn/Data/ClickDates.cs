namespace Tagnn.Data;

/// <summary>
/// Date and timestamp parsing for the click logs without <see cref="DateTime.Parse(string)"/>: results are seconds
/// since 1970-01-01 00:00 UTC (the reference runs <c>time.mktime</c> with TZ=UTC).
/// </summary>
internal static class ClickDates
{
    /// <summary>Parses <c>YYYY-MM-DD</c> (exactly 10 characters) to the seconds of that day at 00:00 UTC.</summary>
    public static bool TryParseDate(ReadOnlySpan<char> s, out long seconds)
    {
        seconds = 0;
        if (s.Length != 10 || s[4] != '-' || s[7] != '-') return false;
        if (!TryDigits(s[..4], out var y) || !TryDigits(s.Slice(5, 2), out var m) || !TryDigits(s.Slice(8, 2), out var d))
            return false;
        if (y < 1 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        seconds = DaysFromCivil(y, m, d) * 86400L;
        return true;
    }

    /// <summary>
    /// Parses the first 19 characters of an ISO timestamp, <c>YYYY-MM-DDTHH:MM:SS</c>, to seconds (UTC). Whatever
    /// follows (milliseconds, <c>Z</c>) is ignored, as in the reference.
    /// </summary>
    public static bool TryParseTimestamp(ReadOnlySpan<char> s, out long seconds)
    {
        seconds = 0;
        if (s.Length < 19 || s[10] != 'T' || s[13] != ':' || s[16] != ':') return false;
        if (!TryParseDate(s[..10], out var day)) return false;
        if (!TryDigits(s.Slice(11, 2), out var hh) || !TryDigits(s.Slice(14, 2), out var mm) || !TryDigits(s.Slice(17, 2), out var ss))
            return false;
        // Python's strptime accepts seconds 60 and 61 (leap seconds); hours and minutes must be in range.
        if (hh > 23 || mm > 59 || ss > 61) return false;
        seconds = day + hh * 3600L + mm * 60L + ss;
        return true;
    }

    /// <summary>Formats seconds since the epoch as <c>YYYY-MM-DD</c> (when on a day boundary) or ISO UTC.</summary>
    public static string Format(long seconds, bool dateOnly)
    {
        var t = DateTime.UnixEpoch.AddSeconds(seconds);
        return dateOnly && seconds % 86400 == 0
            ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var d = (uint)(c - '0');
            if (d > 9) return false;
            value = value * 10 + (int)d;
        }
        return true;
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).</summary>
    internal static long DaysFromCivil(int y, int m, int d)
    {
        y -= m <= 2 ? 1 : 0;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - era * 400;
        var doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        var doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }
}
