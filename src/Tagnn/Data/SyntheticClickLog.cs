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
        var world = SyntheticWorld.Create(options, rng);
        var plan = SyntheticSessionPlan.Create(options, rng);
        long clicks = 0;
        var sessionTruth = writeTruth ? new StringBuilder(options.Sessions * 16) : null;
        sessionTruth?.Append("session_id\tclicks\ttopics\ttarget_topic\ttarget_returns\n");

        AtomicFile.Write(logPath, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            if (options.Layout == ClickLogLayout.Diginetica) w.Write(ClickLogReader.DigineticaHeader + "\n");
            var session = new SyntheticSessionBuilder(options, world);
            var line = new char[256];
            for (var s = 0; s < options.Sessions; s++)
            {
                var sessionId = s + 1;
                session.Generate(rng);
                clicks += session.Length;
                if (options.Layout == ClickLogLayout.Diginetica)
                    SyntheticLogRows.Diginetica(w, line, rng, options, world, session, sessionId, plan.Day[s], plan.Second[s]);
                else
                    SyntheticLogRows.Yoochoose(w, line, rng, options, world, session, sessionId, plan.Day[s], plan.Second[s]);
                if (sessionTruth is not null) AppendSessionTopics(sessionTruth, sessionId, session, world);
                if (progress is not null && (s & 0x3FFF) == 0) progress(s, options.Sessions);
            }
        }, overwrite);
        progress?.Invoke(options.Sessions, options.Sessions);

        if (itemTopicsPath is not null) AtomicFile.WriteAllText(itemTopicsPath, ItemTopicsText(options, world), overwrite);
        if (sessionTopicsPath is not null) AtomicFile.WriteAllText(sessionTopicsPath, sessionTruth!.ToString(), overwrite);
        return new SyntheticClickLogSummary(Path.GetFullPath(logPath), itemTopicsPath, sessionTopicsPath, clicks, options.Sessions);
    }

    /// <summary>The content of <c>item-topics.tsv</c>: per item its original id, topic (1..T), rank in the topic and
    /// preferred successors.</summary>
    private static string ItemTopicsText(SyntheticClickLogOptions options, SyntheticWorld world)
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
        return text.ToString();
    }

    /// <summary>Appends the <c>session-topics.tsv</c> line of the session just generated.</summary>
    private static void AppendSessionTopics(StringBuilder text, int sessionId, SyntheticSessionBuilder session, SyntheticWorld world)
    {
        text.Append(sessionId).Append('\t').Append(session.Length).Append('\t');
        for (var j = 0; j < session.InterestCount; j++)
        {
            if (j > 0) text.Append(' ');
            text.Append(session.InterestTopic[j] + 1);
        }
        text.Append('\t').Append(world.TopicOf[session.Clicks[session.Length - 1]] + 1)
            .Append('\t').Append(session.TargetReturns ? 1 : 0).Append('\n');
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
}
