using System.Globalization;
using System.Text;
using Tagnn.IO;

namespace Tagnn.Data;

/// <summary>
/// Writes a synthetic click log in the real Diginetica or Yoochoose layout, with structure a model can learn and a
/// notebook can show, deterministically from a seed (<see cref="SyntheticClickLogOptions"/>).
/// </summary>
/// <remarks>
/// <para>The world: items are grouped into topics; inside a topic, popularity follows Zipf's law (the item of rank r
/// has weight 1/r); every item has a few preferred successors in its topic (drawn by popularity; weights (K-j)^2, so
/// 0.64/0.29/0.07 for three).</para>
/// <para>A session has two or three interests (distinct topics, popular topics more often) and keeps, per interest,
/// the last item clicked in it. Each click picks an interest (the first one first; then it stays with the current
/// one or, with <see cref="SyntheticClickLogOptions.SwitchProbability"/>, moves to another), then from that
/// interest's last item follows a preferred successor (<see cref="SyntheticClickLogOptions.FollowProbability"/>),
/// repeats it (<see cref="SyntheticClickLogOptions.RepeatProbability"/>) or draws a popular item of the topic. The
/// last click (the target of the longest example) goes back to an earlier interest with
/// <see cref="SyntheticClickLogOptions.TargetSwitchProbability"/>: its clue is then an earlier click, not the last one.</para>
/// <para>Sessions are spread uniformly over <see cref="SyntheticClickLogOptions.Days"/> days and numbered in time
/// order. Diginetica rows are <c>sessionId;userId;itemId;timeframe;eventdate</c> with the rows of a session shuffled
/// (out of timeframe order, as in the real file) and userId mostly NA; Yoochoose rows are
/// <c>session,YYYY-MM-DDTHH:MM:SS.fffZ,item,category</c> in time order with category 0. Item ids are distinct random
/// integers, so their order reveals nothing.</para>
/// <para>Ground truth, next to the log: <c>item-topics.tsv</c> (item_id, topic 1..T, rank in topic, preferred
/// successors) and <c>session-topics.tsv</c> (session_id, clicks, topics in the order the session met them, the
/// target's topic, and whether the target went back to an earlier interest).</para>
/// </remarks>
public static class SyntheticClickLog
{
    /// <summary>Ground-truth file name: item -> topic.</summary>
    public const string ItemTopicsFile = "item-topics.tsv";

    /// <summary>Ground-truth file name: session -> topics.</summary>
    public const string SessionTopicsFile = "session-topics.tsv";

    /// <summary>Writes the log to <paramref name="logPath"/> (atomically) and, when <paramref name="writeTruth"/>, the
    /// ground truth next to it.</summary>
    /// <param name="logPath">The click log to write.</param>
    /// <param name="options">The settings (validated).</param>
    /// <param name="overwrite">Whether existing files may be replaced.</param>
    /// <param name="writeTruth">Whether to write <c>item-topics.tsv</c> and <c>session-topics.tsv</c>.</param>
    /// <param name="progress">Called now and then with (sessions written, sessions).</param>
    public static SyntheticClickLogSummary Write(string logPath, SyntheticClickLogOptions options, bool overwrite = false,
        bool writeTruth = true, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dir = Path.GetDirectoryName(Path.GetFullPath(logPath))!;
        var itemTopicsPath = writeTruth ? Path.Combine(dir, ItemTopicsFile) : null;
        var sessionTopicsPath = writeTruth ? Path.Combine(dir, SessionTopicsFile) : null;
        if (!overwrite)
        {
            foreach (var p in new[] { logPath, itemTopicsPath, sessionTopicsPath })
            {
                if (p is not null && File.Exists(p)) throw new IOException($"{Path.GetFullPath(p)} already exists; refusing to overwrite it (use --force).");
            }
        }

        var rng = new DeterministicRandom(options.Seed);
        var world = World.Create(options, rng);
        var plan = SessionPlan.Create(options, rng);
        long clicks = 0;
        var sessionTruth = writeTruth ? new StringBuilder(options.Sessions * 16) : null;
        sessionTruth?.Append("session_id\tclicks\ttopics\ttarget_topic\ttarget_returns\n");

        AtomicFile.Write(logPath, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            if (options.Layout == ClickLogLayout.Diginetica) w.Write(ClickLogReader.DigineticaHeader + "\n");
            var session = new SessionBuilder(options, world);
            var line = new char[256];
            for (var s = 0; s < options.Sessions; s++)
            {
                var sessionId = s + 1;
                session.Generate(rng);
                clicks += session.Length;
                if (options.Layout == ClickLogLayout.Diginetica)
                    WriteDiginetica(w, line, rng, options, world, session, sessionId, plan.Day[s], plan.Second[s]);
                else
                    WriteYoochoose(w, line, rng, options, world, session, sessionId, plan.Day[s], plan.Second[s]);
                if (sessionTruth is not null)
                {
                    sessionTruth.Append(sessionId).Append('\t').Append(session.Length).Append('\t');
                    for (var j = 0; j < session.InterestCount; j++)
                    {
                        if (j > 0) sessionTruth.Append(' ');
                        sessionTruth.Append(session.InterestTopic[j] + 1);
                    }
                    sessionTruth.Append('\t').Append(world.TopicOf[session.Clicks[session.Length - 1]] + 1)
                        .Append('\t').Append(session.TargetReturns ? 1 : 0).Append('\n');
                }
                if (progress is not null && (s & 0x3FFF) == 0) progress(s, options.Sessions);
            }
        }, overwrite);
        progress?.Invoke(options.Sessions, options.Sessions);

        if (itemTopicsPath is not null)
        {
            var text = new StringBuilder(options.Items * 40);
            text.Append("item_id\ttopic\trank\tsuccessors\n");
            for (var i = 0; i < options.Items; i++)
            {
                text.Append(world.ItemId[i]).Append('\t').Append(world.TopicOf[i] + 1).Append('\t').Append(world.RankOf[i] + 1).Append('\t');
                for (var k = 0; k < options.Successors; k++)
                {
                    if (k > 0) text.Append(' ');
                    text.Append(world.ItemId[world.Successors[i * options.Successors + k]]);
                }
                text.Append('\n');
            }
            AtomicFile.WriteAllText(itemTopicsPath, text.ToString(), overwrite);
        }
        if (sessionTopicsPath is not null) AtomicFile.WriteAllText(sessionTopicsPath, sessionTruth!.ToString(), overwrite);
        return new SyntheticClickLogSummary(Path.GetFullPath(logPath), itemTopicsPath, sessionTopicsPath, clicks, options.Sessions);
    }

    /// <summary>Reads <c>item-topics.tsv</c> into original item id -> topic (1..T).</summary>
    public static IReadOnlyDictionary<string, int> ReadItemTopics(string path)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (lineNumber == 1) continue;
            var parts = line.Split('\t');
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var topic))
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'item_id<TAB>topic<TAB>...', found '{line}'.");
            result[parts[0]] = topic;
        }
        return result;
    }

    /// <summary>One row of <c>session-topics.tsv</c>.</summary>
    /// <param name="SessionId">The session id of the log.</param>
    /// <param name="Clicks">Its number of clicks.</param>
    /// <param name="Topics">Its topics (1..T), in the order the session met them.</param>
    /// <param name="TargetTopic">The topic of its last click.</param>
    /// <param name="TargetReturns">Whether the last click went back to an earlier interest.</param>
    public sealed record SessionTopics(string SessionId, int Clicks, IReadOnlyList<int> Topics, int TargetTopic, bool TargetReturns);

    /// <summary>Reads <c>session-topics.tsv</c>.</summary>
    public static IReadOnlyList<SessionTopics> ReadSessionTopics(string path)
    {
        var result = new List<SessionTopics>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (++lineNumber == 1) continue;
            var p = line.Split('\t');
            try
            {
                result.Add(new SessionTopics(p[0], int.Parse(p[1], CultureInfo.InvariantCulture),
                    [.. p[2].Split(' ').Select(t => int.Parse(t, CultureInfo.InvariantCulture))],
                    int.Parse(p[3], CultureInfo.InvariantCulture), p[4] == "1"));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: expected 'session_id<TAB>clicks<TAB>topics<TAB>target_topic<TAB>target_returns', found '{line}'.", e);
            }
        }
        return result;
    }

    private static void WriteDiginetica(StreamWriter w, char[] line, DeterministicRandom rng, SyntheticClickLogOptions options,
        World world, SessionBuilder session, int sessionId, int day, int second)
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

    private static void WriteYoochoose(StreamWriter w, char[] line, DeterministicRandom rng, SyntheticClickLogOptions options,
        World world, SessionBuilder session, int sessionId, int day, int second)
    {
        var startDay = (long)(options.StartDate ?? new DateOnly(2014, 4, 1)).DayNumber - World.EpochDayNumber + day;
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
        var date = DateOnly.FromDayNumber((int)(daysSinceEpoch + World.EpochDayNumber));
        date.TryFormat(line.AsSpan(n), out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        n += written;
    }

    /// <summary>Topics, items, popularity and successors.</summary>
    private sealed class World
    {
        public static readonly int EpochDayNumber = new DateOnly(1970, 1, 1).DayNumber;

        public required string[] ItemId { get; init; }
        public required int[] TopicOf { get; init; }
        public required int[] RankOf { get; init; }
        public required int[] TopicStart { get; init; } // topic t owns items TopicStart[t]..TopicStart[t+1]-1, by rank
        public required double[] ZipfCumulative { get; init; } // by rank, per topic (restarting at each topic)
        public required double[] TopicCumulative { get; init; }
        public required int[] Successors { get; init; } // K per item
        public required double[] SuccessorCumulative { get; init; }

        public int Topics => TopicStart.Length - 1;

        public ReadOnlySpan<double> Zipf(int topic) => ZipfCumulative.AsSpan(TopicStart[topic], TopicStart[topic + 1] - TopicStart[topic]);

        public int DrawItem(int topic, DeterministicRandom rng) => TopicStart[topic] + rng.Pick(Zipf(topic));

        public static World Create(SyntheticClickLogOptions o, DeterministicRandom rng)
        {
            var topicStart = new int[o.Topics + 1];
            for (var t = 0; t <= o.Topics; t++) topicStart[t] = (int)((long)o.Items * t / o.Topics);
            var topicOf = new int[o.Items];
            var rankOf = new int[o.Items];
            var zipf = new double[o.Items];
            for (var t = 0; t < o.Topics; t++)
            {
                double sum = 0;
                for (var i = topicStart[t]; i < topicStart[t + 1]; i++)
                {
                    topicOf[i] = t;
                    rankOf[i] = i - topicStart[t];
                    sum += 1.0 / (rankOf[i] + 1);
                    zipf[i] = sum;
                }
            }
            var topicCumulative = new double[o.Topics];
            double total = 0;
            for (var t = 0; t < o.Topics; t++) topicCumulative[t] = total += 3.0 / (t + 3);

            // Original ids: distinct random integers (Diginetica-like small numbers, Yoochoose-like 9-digit ones).
            var pool = new int[o.Items * 2];
            for (var k = 0; k < pool.Length; k++) pool[k] = k + 1;
            rng.Shuffle(pool.AsSpan());
            var offset = o.Layout == ClickLogLayout.Yoochoose ? 214_500_000 : 0;
            var ids = new string[o.Items];
            for (var i = 0; i < o.Items; i++) ids[i] = (pool[i] + offset).ToString(CultureInfo.InvariantCulture);

            var k2 = o.Successors;
            var successors = new int[o.Items * k2];
            var successorCumulative = new double[k2];
            double ws = 0;
            for (var j = 0; j < k2; j++) successorCumulative[j] = ws += (double)(k2 - j) * (k2 - j);
            var world = new World
            {
                ItemId = ids, TopicOf = topicOf, RankOf = rankOf, TopicStart = topicStart, ZipfCumulative = zipf,
                TopicCumulative = topicCumulative, Successors = successors, SuccessorCumulative = successorCumulative,
            };
            for (var i = 0; i < o.Items; i++)
            {
                var t = topicOf[i];
                for (var j = 0; j < k2; j++)
                {
                    int candidate;
                    var attempts = 0;
                    do
                    {
                        candidate = attempts++ < 64 ? world.DrawItem(t, rng) : topicStart[t] + rng.Next(topicStart[t + 1] - topicStart[t]);
                    }
                    while (candidate == i || successors.AsSpan(i * k2, j).Contains(candidate));
                    successors[i * k2 + j] = candidate;
                }
            }
            return world;
        }
    }

    /// <summary>When each session starts: a day and a second of that day, in time order (session ids follow it).</summary>
    private sealed class SessionPlan
    {
        public required int[] Day { get; init; }
        public required int[] Second { get; init; }

        public static SessionPlan Create(SyntheticClickLogOptions o, DeterministicRandom rng)
        {
            var keys = new long[o.Sessions];
            // Start before 21:00 so that a session (at most 50 clicks x 5 minutes) ends on its day.
            for (var s = 0; s < o.Sessions; s++) keys[s] = (long)rng.Next(o.Days) * 86400 + rng.Next(75_600);
            Array.Sort(keys);
            var day = new int[o.Sessions];
            var second = new int[o.Sessions];
            for (var s = 0; s < o.Sessions; s++)
            {
                day[s] = (int)(keys[s] / 86400);
                second[s] = (int)(keys[s] % 86400);
            }
            return new SessionPlan { Day = day, Second = second };
        }
    }

    /// <summary>Generates one session's clicks at a time into reused buffers.</summary>
    private sealed class SessionBuilder(SyntheticClickLogOptions o, World world)
    {
        public int[] Clicks { get; } = new int[o.MaxSessionLength];
        public (long Frame, int Position)[] Frames { get; } = new (long, int)[o.MaxSessionLength];
        public int[] InterestTopic { get; } = new int[3];
        private readonly int[] cursor = new int[3];
        public int Length { get; private set; }
        public int InterestCount { get; private set; }
        public bool TargetReturns { get; private set; }

        public void Generate(DeterministicRandom rng)
        {
            Length = 1;
            if (!rng.Chance(o.SingleClickShare))
            {
                Length = 2;
                while (Length < o.MaxSessionLength && rng.Chance(o.ContinueProbability)) Length++;
            }
            InterestCount = o.Topics >= 3 && rng.Chance(o.ThreeInterestShare) ? 3 : 2;
            for (var j = 0; j < InterestCount; j++)
            {
                int t;
                do t = rng.Pick(world.TopicCumulative);
                while (InterestTopic.AsSpan(0, j).Contains(t));
                InterestTopic[j] = t;
                cursor[j] = -1;
            }
            TargetReturns = false;
            var current = 0;
            for (var p = 0; p < Length; p++)
            {
                var j = current;
                if (p > 0 && p == Length - 1 && rng.Chance(o.TargetSwitchProbability))
                {
                    // Go back to an earlier interest (one already visited, other than the current one), if any.
                    var visited = 0;
                    for (var k = 0; k < InterestCount; k++) if (k != current && cursor[k] >= 0) visited++;
                    if (visited > 0)
                    {
                        var pick = rng.Next(visited);
                        for (var k = 0; k < InterestCount; k++)
                        {
                            if (k != current && cursor[k] >= 0 && pick-- == 0) { j = k; break; }
                        }
                        TargetReturns = true;
                    }
                }
                else if (p > 0 && p < Length - 1 && rng.Chance(o.SwitchProbability))
                {
                    j = (current + 1 + rng.Next(InterestCount - 1)) % InterestCount;
                }
                int item;
                if (cursor[j] < 0)
                {
                    item = world.DrawItem(InterestTopic[j], rng);
                }
                else
                {
                    var u = rng.NextDouble();
                    if (u < o.FollowProbability)
                        item = world.Successors[cursor[j] * o.Successors + rng.Pick(world.SuccessorCumulative)];
                    else if (u < o.FollowProbability + o.RepeatProbability)
                        item = cursor[j];
                    else
                        item = world.DrawItem(InterestTopic[j], rng);
                }
                cursor[j] = item;
                current = j;
                Clicks[p] = item;
            }
        }
    }
}
