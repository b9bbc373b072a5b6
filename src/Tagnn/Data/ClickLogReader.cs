using System.Globalization;
using System.Runtime.CompilerServices;
using nietras.SeparatedValues;

namespace Tagnn.Data;

/// <summary>
/// Reads Diginetica <c>train-item-views.csv</c> and Yoochoose <c>yoochoose-clicks.dat</c> click logs, streaming, with
/// no per-row allocation for ids already seen (Sep parses the rows; ids are interned to dense indices).
/// </summary>
/// <remarks>
/// <para>Input rules (also in data/README.md, "Input rules: errors vs skipped rows"). A problem that changes what the
/// data means, or shows that the file is not the expected one, is an error (<see cref="ClickLogException"/>, naming
/// the file, the line and the problem; nothing is written): an empty file or one without data rows, a missing or
/// renamed column, a wrong separator, a row with the wrong number of columns, an empty session or item id, a
/// non-integer <c>timeframe</c>, an unparsable date or timestamp, and a truncated last line (the file does not end
/// with a newline and its last line is incomplete). A line that carries no click is skipped and counted
/// (<see cref="ClickLog.Skipped"/>): a blank line (Python's csv reader skips those too) and a repeated header line
/// (as left by concatenating files).</para>
/// <para>Yoochoose files have no header; a first line <c>session_id,timestamp,item_id,category</c> (which SR-GNN's
/// script needs, so many copies have it) is recognised and ignored. Only the first 19 characters of a timestamp
/// count (second resolution, UTC), as in the reference.</para>
/// </remarks>
public static class ClickLogReader
{
    /// <summary>The header of the original Diginetica file.</summary>
    public const string DigineticaHeader = "sessionId;userId;itemId;timeframe;eventdate";

    /// <summary>The header spelling of SR-GNN's Diginetica sample.</summary>
    public const string DigineticaSnakeHeader = "session_id;user_id;item_id;timeframe;eventdate";

    /// <summary>The optional Yoochoose header line that SR-GNN's script expects users to add.</summary>
    public const string YoochooseHeader = "session_id,timestamp,item_id,category";

    /// <summary>Reads a click log.</summary>
    /// <param name="path">The file.</param>
    /// <param name="layout">Its layout.</param>
    /// <param name="progress">Called now and then with (bytes read, file size).</param>
    /// <exception cref="ClickLogException">The file breaks an input rule (see the remarks).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // runs once per file: skip the slow tier-0 code
    public static ClickLog Read(string path, ClickLogLayout layout, Action<long, long>? progress = null)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new FileNotFoundException($"{path}: no such click log.", path);
        if (info.Length == 0)
            throw new ClickLogException(path, 0, $"the file is empty; expected a {Describe(layout)}.");
        var endsWithNewline = EndsWithNewline(path);

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(layout == ClickLogLayout.Diginetica ? ';' : ','),
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
        }).From(stream);
        var state = new State(path, layout, info.Length);
        while (reader.MoveNext())
        {
            var row = reader.Current;
            string? problem = state.Accept(row);
            if (problem is not null)
            {
                var line = LineOf(row);
                var isLast = !reader.MoveNext();
                if (isLast && !endsWithNewline)
                    throw new ClickLogException(path, line,
                        $"truncated last line ({problem.TrimEnd('.')}); the file does not end with a newline, so it was probably cut " +
                        "off (an interrupted download or copy). Get the file again.");
                throw new ClickLogException(path, line, problem);
            }
            if (progress is not null && (state.Rows & 0xFFFF) == 0) progress(stream.Position, info.Length);
        }
        progress?.Invoke(info.Length, info.Length);
        return state.Finish();
    }

    /// <summary>The 1-based line a row starts on. Sep 0.17 reports 2 for the first row when it has no header, so the
    /// first row is pinned to line 1 (rows cannot start before it).</summary>
    private static int LineOf(SepReader.Row row) => row.RowIndex == 0 ? 1 : row.LineNumberFrom;

    private static string Describe(ClickLogLayout layout) => layout == ClickLogLayout.Diginetica
        ? $"Diginetica click log with the header '{DigineticaHeader}'"
        : "Yoochoose click log (lines 'session,timestamp,item,category', no header)";

    private static bool EndsWithNewline(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        f.Seek(-1, SeekOrigin.End);
        return f.ReadByte() == '\n';
    }

    /// <summary>The parsing state: columns, interners and the growing columns of the log.</summary>
    private sealed class State(string path, ClickLogLayout layout, long fileLength)
    {
        private readonly IdInterner sessions = new(keepOriginals: false, capacity: 1 << 10, directBound: 1 << 24);
        private readonly IdInterner items = new(keepOriginals: true, capacity: 1 << 14);
        private readonly List<int> clickSession = new((int)Math.Min(1 << 26, fileLength / 32 + 16));
        private readonly List<int> clickItem = new((int)Math.Min(1 << 26, fileLength / 32 + 16));
        private readonly List<long>? timeframes = layout == ClickLogLayout.Diginetica ? new((int)Math.Min(1 << 26, fileLength / 32 + 16)) : null;
        private readonly List<long> sessionTimes = new((int)Math.Min(1 << 24, fileLength / 128 + 16));
        private readonly Dictionary<string, (long Count, long First)> skipped = [];
        private string? headerText;
        private int colCount, sessionCol, itemCol, timeframeCol = -1, timeCol;
        private bool sawFirstLine;

        // Caches: consecutive rows usually share the session and the date.
        private readonly char[] lastSessionText = new char[64];
        private int lastSessionLength = -1, lastSession = -1;
        private readonly char[] lastTimeText = new char[32];
        private int lastTimeLength = -1;
        private long lastTime;

        public long Rows { get; private set; }

        /// <summary>Takes one row; returns a problem description, or null when the row is fine.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public string? Accept(SepReader.Row row)
        {
            Rows++;
            var text = row.Span;
            if (text.IsWhiteSpace())
            {
                Skip("blank line", LineOf(row));
                return null;
            }
            if (!sawFirstLine)
            {
                sawFirstLine = true;
                return layout == ClickLogLayout.Diginetica ? ReadDigineticaHeader(row) : ReadYoochooseFirstLine(row);
            }
            if (headerText is not null && text.SequenceEqual(headerText))
            {
                Skip("repeated header line", LineOf(row));
                return null;
            }
            if (row.ColCount != colCount) return WrongColumns(row);
            return AddClick(row);
        }

        private string? ReadDigineticaHeader(SepReader.Row row)
        {
            var names = new string[row.ColCount];
            for (var c = 0; c < names.Length; c++) names[c] = row[c].ToString().Trim().TrimStart('\uFEFF');
            if (names.Length == 1)
            {
                var only = names[0];
                if (only.Contains(',') || only.Contains('\t'))
                    return $"wrong separator: the header '{only}' is not ';'-separated (it contains '{(only.Contains(',') ? ',' : "\\t")}'). " +
                        $"A Diginetica file looks like '{DigineticaHeader}'" +
                        (only.Contains(',') ? "; a ','-separated log without header is Yoochoose: use --dataset yoochoose." : ".");
            }
            if (names.Length > 0 && IdInterner.TryCanonicalInteger(names[0], out _))
                return $"no header line: line 1 starts with the session id '{names[0]}'. A Diginetica file starts with the header '{DigineticaHeader}' " +
                    $"(or '{DigineticaSnakeHeader}').";
            sessionCol = Find(names, "sessionId", "session_id");
            itemCol = Find(names, "itemId", "item_id");
            timeframeCol = Find(names, "timeframe", "timeframe");
            timeCol = Find(names, "eventdate", "eventdate");
            var missing = new List<string>();
            if (sessionCol < 0) missing.Add("sessionId (or session_id)");
            if (itemCol < 0) missing.Add("itemId (or item_id)");
            if (timeframeCol < 0) missing.Add("timeframe");
            if (timeCol < 0) missing.Add("eventdate");
            if (missing.Count > 0)
                return $"missing or renamed column{(missing.Count > 1 ? "s" : "")}: {string.Join(", ", missing)}. Found: {string.Join(";", names)}. " +
                    $"Expected the header '{DigineticaHeader}' (or '{DigineticaSnakeHeader}').";
            var duplicate = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) return $"the header names the column '{duplicate.Key}' twice.";
            colCount = names.Length;
            headerText = row.Span.ToString();
            return null;
        }

        private string? ReadYoochooseFirstLine(SepReader.Row row)
        {
            colCount = 4;
            sessionCol = 0;
            timeCol = 1;
            itemCol = 2;
            if (row.ColCount == 4 && IsYoochooseHeader(row))
            {
                headerText = row.Span.ToString();
                return null;
            }
            if (row.ColCount != colCount) return WrongColumns(row);
            return AddClick(row);
        }

        private static bool IsYoochooseHeader(SepReader.Row row)
        {
            static bool Is(ReadOnlySpan<char> s, string a, string b) =>
                s.Trim().TrimStart('\uFEFF').Equals(a, StringComparison.OrdinalIgnoreCase) || s.Trim().Equals(b, StringComparison.OrdinalIgnoreCase);
            return Is(row[0].Span, "session_id", "sessionId") && Is(row[1].Span, "timestamp", "timestamp")
                && Is(row[2].Span, "item_id", "itemId") && Is(row[3].Span, "category", "category");
        }

        private static int Find(string[] names, string a, string b)
        {
            for (var c = 0; c < names.Length; c++)
            {
                if (names[c].Equals(a, StringComparison.OrdinalIgnoreCase) || names[c].Equals(b, StringComparison.OrdinalIgnoreCase)) return c;
            }
            return -1;
        }

        private string WrongColumns(SepReader.Row row)
        {
            var text = row.Span;
            var expected = layout == ClickLogLayout.Diginetica ? ';' : ',';
            if (row.ColCount == 1)
            {
                foreach (var other in new[] { ';', ',', '\t', '|' })
                {
                    if (other != expected && text.Contains(other))
                        return $"wrong separator: the line '{Clip(text)}' is separated by '{(other == '\t' ? "\\t" : other)}', expected '{expected}'" +
                            (layout == ClickLogLayout.Yoochoose && other == ';' ? " (a ';'-separated log is Diginetica: use --dataset diginetica)." : ".");
                }
            }
            return $"expected {colCount} columns separated by '{expected}', found {row.ColCount}: '{Clip(text)}'.";
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string? AddClick(SepReader.Row row)
        {
            var sessionText = row[sessionCol].Span;
            if (sessionText.IsEmpty) return "empty session id.";
            var itemText = row[itemCol].Span;
            if (itemText.IsEmpty) return "empty item id.";

            long time;
            var timeText = row[timeCol].Span;
            if (lastTimeLength >= 0 && timeText.SequenceEqual(lastTimeText.AsSpan(0, lastTimeLength)))
            {
                time = lastTime;
            }
            else
            {
                if (layout == ClickLogLayout.Diginetica)
                {
                    if (!ClickDates.TryParseDate(timeText, out time))
                        return $"unparsable eventdate '{Clip(timeText)}'; expected a date YYYY-MM-DD.";
                }
                else if (!ClickDates.TryParseTimestamp(timeText, out time))
                {
                    return clickSession.Count == 0 && headerText is null
                        ? $"unparsable timestamp '{Clip(timeText)}' on the first line; expected YYYY-MM-DDTHH:MM:SS(.fffZ). A header line, if any, must be '{YoochooseHeader}'."
                        : $"unparsable timestamp '{Clip(timeText)}'; expected YYYY-MM-DDTHH:MM:SS(.fffZ).";
                }
                if (timeText.Length <= lastTimeText.Length)
                {
                    timeText.CopyTo(lastTimeText);
                    lastTimeLength = timeText.Length;
                    lastTime = time;
                }
            }

            long timeframe = 0;
            if (timeframes is not null && !TryParseInteger(row[timeframeCol].Span, out timeframe))
                return $"timeframe '{Clip(row[timeframeCol].Span)}' is not an integer.";

            int session;
            if (sessionText.Length == lastSessionLength && sessionText.SequenceEqual(lastSessionText.AsSpan(0, lastSessionLength)))
            {
                session = lastSession;
            }
            else
            {
                session = sessions.Intern(sessionText);
                if (session == sessionTimes.Count) sessionTimes.Add(0);
                if (sessionText.Length <= lastSessionText.Length)
                {
                    sessionText.CopyTo(lastSessionText);
                    lastSessionLength = sessionText.Length;
                    lastSession = session;
                }
                else
                {
                    lastSessionLength = -1;
                }
            }
            sessionTimes[session] = time; // the last row in file order wins: the reference's session date
            clickSession.Add(session);
            clickItem.Add(items.Intern(itemText));
            timeframes?.Add(timeframe);
            return null;
        }

        private void Skip(string reason, long line)
        {
            skipped[reason] = skipped.TryGetValue(reason, out var s) ? (s.Count + 1, s.First) : (1, line);
        }

        public ClickLog Finish()
        {
            if (!sawFirstLine)
                throw new ClickLogException(path, 0, $"the file has only blank lines; expected a {Describe(layout)}.");
            if (clickSession.Count == 0)
                throw new ClickLogException(path, 0, headerText is not null
                    ? "the file has a header but no data rows."
                    : $"the file has no data rows; expected a {Describe(layout)}.");
            return new ClickLog(path, layout, [.. clickSession], [.. clickItem], timeframes is null ? null : [.. timeframes],
                [.. sessionTimes], items.Originals(),
                [.. skipped.Select(kv => new SkippedRows(kv.Key, kv.Value.Count, kv.Value.First)).OrderBy(s => s.FirstLine)]);
        }

        /// <summary>An optionally signed decimal integer (what Python's int() accepts, less spaces and underscores).</summary>
        private static bool TryParseInteger(ReadOnlySpan<char> text, out long value)
        {
            value = 0;
            var digits = text.Length > 0 && (text[0] == '-' || text[0] == '+') ? text[1..] : text;
            if (digits.IsEmpty) return false;
            if (digits.Length > 18) // may overflow: let the BCL decide
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            foreach (var c in digits)
            {
                var d = (uint)(c - '0');
                if (d > 9) return false;
                value = value * 10 + d;
            }
            if (text[0] == '-') value = -value;
            return true;
        }

        private static string Clip(ReadOnlySpan<char> s) => s.Length <= 80 ? s.ToString() : string.Concat(s[..77], "...");
    }
}
