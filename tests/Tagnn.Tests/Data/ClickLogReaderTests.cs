using Tagnn.Data;

namespace Tagnn.Tests.Data;

/// <summary>Every input rule of data/README.md ("Input rules: errors vs skipped rows") has a test here.</summary>
public sealed class ClickLogReaderTests : IDisposable
{
    private const string Header = "sessionId;userId;itemId;timeframe;eventdate\n";
    private readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    private ClickLog Digi(string content) => ClickLogReader.Read(temp.File("views.csv", content), ClickLogLayout.Diginetica);

    private ClickLog Yoo(string content) => ClickLogReader.Read(temp.File("clicks.dat", content), ClickLogLayout.Yoochoose);

    private ClickLogException DigiError(string content) =>
        Assert.Throws<ClickLogException>(() => ClickLogReader.Read(temp.File("views.csv", content), ClickLogLayout.Diginetica));

    private ClickLogException YooError(string content) =>
        Assert.Throws<ClickLogException>(() => ClickLogReader.Read(temp.File("clicks.dat", content), ClickLogLayout.Yoochoose));

    // ---- reading what is right ----

    [Theory]
    [InlineData("sessionId;userId;itemId;timeframe;eventdate")]
    [InlineData("session_id;user_id;item_id;timeframe;eventdate")]
    public void Reads_both_Diginetica_header_spellings(string header)
    {
        var log = Digi(header + "\n1;NA;10;5;2016-01-01\n1;;11;3;2016-01-02\n2;7;10;1;2016-01-03\n");
        Assert.Equal(3, log.Clicks);
        Assert.Equal(2, log.Sessions);
        Assert.Equal(2, log.Items);
        Assert.Equal(["10", "11"], log.ItemIds);
        Assert.Equal([0, 0, 1], log.ClickSession);
        Assert.Equal([5L, 3L, 1L], log.Timeframes!);
        // A session's date is that of its LAST row in file order (2016-01-02), at 00:00 UTC.
        Assert.Equal(new DateTimeOffset(2016, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), log.SessionTimes[0]);
    }

    [Fact]
    public void Finds_Diginetica_columns_by_name_in_any_order()
    {
        var log = Digi("eventdate;itemId;sessionId;timeframe\n2016-01-01;10;1;5\n2016-01-01;11;1;4\n");
        Assert.Equal(["10", "11"], log.ItemIds);
        Assert.Equal([5L, 4L], log.Timeframes!);
    }

    [Fact]
    public void Accepts_a_byte_order_mark_and_header_names_in_any_case()
    {
        var log = Digi("\uFEFFSESSIONID;UserId;ItemID;TimeFrame;EventDate\n1;NA;10;5;2016-01-01\n");
        Assert.Equal(["10"], log.ItemIds);
        Assert.Equal([5L], log.TimeframeOfClick.ToArray());
    }

    [Fact]
    public void Keeps_item_ids_as_strings()
    {
        // "007" and "7" are different items (the reference keys by string); non-numeric ids are fine.
        var log = Digi(Header + "1;NA;7;1;2016-01-01\n1;NA;007;2;2016-01-01\n1;NA;abc-9;3;2016-01-01\n1;NA;7;4;2016-01-01\n");
        Assert.Equal(["7", "007", "abc-9"], log.ItemIds);
        Assert.Equal([0, 1, 2, 0], log.ClickItem);
    }

    [Fact]
    public void A_session_split_over_the_file_is_one_session_dated_by_its_last_row()
    {
        var log = Digi(Header + "5;NA;1;1;2016-01-01\n6;NA;1;1;2016-01-02\n5;NA;2;2;2016-01-03\n");
        Assert.Equal(2, log.Sessions);
        Assert.Equal([0, 1, 0], log.ClickSession);
        Assert.Equal(new DateTimeOffset(2016, 1, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds(), log.SessionTimes[0]);
    }

    [Fact]
    public void Accepts_CRLF_line_ends_and_a_last_line_without_newline()
    {
        var log = Digi(Header.Replace("\n", "\r\n") + "1;NA;10;5;2016-01-01\r\n1;NA;11;6;2016-01-01");
        Assert.Equal(2, log.Clicks);
        Assert.Equal(["10", "11"], log.ItemIds);
    }

    [Fact]
    public void Reads_Yoochoose_without_header_using_the_first_19_characters_of_the_timestamp()
    {
        var log = Yoo("1,2014-04-07T10:51:09.277Z,214536502,0\n1,2014-04-07T10:54:09.868Z,214536500,0\n2,2014-04-07T13:56:37.614Z,214662742,S\n");
        Assert.Equal(3, log.Clicks);
        Assert.Equal(2, log.Sessions);
        Assert.Null(log.Timeframes);
        Assert.Equal(new DateTimeOffset(2014, 4, 7, 10, 54, 9, TimeSpan.Zero).ToUnixTimeSeconds(), log.SessionTimes[0]);
    }

    [Fact]
    public void Recognises_the_optional_Yoochoose_header_that_SR_GNN_users_add()
    {
        var log = Yoo("session_id,timestamp,item_id,category\n1,2014-04-07T10:51:09.277Z,214536502,0\n");
        Assert.Equal(1, log.Clicks);
        Assert.Empty(log.Skipped);
    }

    // ---- skipped rows (counted and reported) ----

    [Fact]
    public void Blank_lines_are_skipped_and_counted_with_the_first_line()
    {
        var log = Digi(Header + "1;NA;10;5;2016-01-01\n\n1;NA;11;6;2016-01-01\n   \n");
        Assert.Equal(2, log.Clicks);
        var skip = Assert.Single(log.Skipped);
        Assert.Equal(("blank line", 2L, 3L), (skip.Reason, skip.Count, skip.FirstLine));
        Assert.Equal(2, log.SkippedRowCount);
    }

    [Fact]
    public void Repeated_header_lines_are_skipped_and_counted()
    {
        var log = Digi(Header + "1;NA;10;5;2016-01-01\n" + Header + "2;NA;11;6;2016-01-01\n");
        Assert.Equal(2, log.Clicks);
        var skip = Assert.Single(log.Skipped);
        Assert.Equal(("repeated header line", 1L, 3L), (skip.Reason, skip.Count, skip.FirstLine));

        var yoo = Yoo("session_id,timestamp,item_id,category\n1,2014-04-07T10:51:09.277Z,5,0\nsession_id,timestamp,item_id,category\n");
        Assert.Equal(("repeated header line", 1L, 3L), (yoo.Skipped[0].Reason, yoo.Skipped[0].Count, yoo.Skipped[0].FirstLine));
    }

    // ---- errors: file, line and problem ----

    [Fact]
    public void Empty_file_is_an_error()
    {
        var e = DigiError("");
        Assert.Equal(0, e.Line);
        Assert.Contains("views.csv", e.Message);
        Assert.Contains("empty", e.Problem);
        Assert.Contains("empty", YooError("").Problem);
    }

    [Fact]
    public void A_file_with_only_blank_lines_or_only_a_header_is_an_error()
    {
        Assert.Contains("only blank lines", DigiError("\n\n").Problem);
        Assert.Contains("header but no data rows", DigiError(Header).Problem);
        Assert.Contains("header but no data rows", YooError("session_id,timestamp,item_id,category\n").Problem);
    }

    [Theory]
    [InlineData("sessionId;userId;item;timeframe;eventdate", "itemId (or item_id)")]
    [InlineData("sessionId;userId;itemId;time;eventdate", "timeframe")]
    [InlineData("sessionId;userId;itemId;timeframe;date", "eventdate")]
    [InlineData("id;userId;itemId;timeframe;eventdate", "sessionId (or session_id)")]
    public void A_missing_or_renamed_column_is_an_error_naming_it(string header, string missing)
    {
        var e = DigiError(header + "\n1;NA;10;5;2016-01-01\n");
        Assert.Equal(1, e.Line);
        Assert.Contains(missing, e.Problem);
        Assert.Contains("Found: " + header, e.Problem);
    }

    [Fact]
    public void A_Diginetica_file_without_header_is_an_error()
    {
        var e = DigiError("1;NA;10;5;2016-01-01\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("no header line", e.Problem);
    }

    [Fact]
    public void A_wrong_separator_is_an_error()
    {
        var digi = DigiError("sessionId,userId,itemId,timeframe,eventdate\n1,NA,10,5,2016-01-01\n");
        Assert.Equal(1, digi.Line);
        Assert.Contains("wrong separator", digi.Problem);

        var yoo = YooError("1;2014-04-07T10:51:09.277Z;214536502;0\n");
        Assert.Equal(1, yoo.Line);
        Assert.Contains("wrong separator", yoo.Problem);
        Assert.Contains("--dataset diginetica", yoo.Problem);

        // A Diginetica file read as Yoochoose: the header line is ';'-separated.
        Assert.Contains("wrong separator", YooError(Header + "1;NA;10;5;2016-01-01\n").Problem);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_columns_is_an_error()
    {
        var e = DigiError(Header + "1;NA;10;5;2016-01-01\n1;NA;10;5\n2;NA;10;5;2016-01-01\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 5 columns", e.Problem);
        var y = YooError("1,2014-04-07T10:51:09.277Z,214536502\n2,2014-04-07T10:51:09.277Z,214536502,0\n");
        Assert.Equal(1, y.Line);
        Assert.Contains("expected 4 columns", y.Problem);
    }

    [Fact]
    public void A_non_integer_timeframe_is_an_error()
    {
        var e = DigiError(Header + "1;NA;10;5;2016-01-01\n1;NA;11;5.5;2016-01-01\n1;NA;11;6;2016-01-01\n");
        Assert.Equal(3, e.Line);
        Assert.Contains("timeframe '5.5' is not an integer", e.Problem);
    }

    [Theory]
    [InlineData("2016-13-01")]
    [InlineData("2016-02-30")]
    [InlineData("01/02/2016")]
    [InlineData("2016-1-5")]
    public void An_unparsable_date_is_an_error(string date)
    {
        var e = DigiError(Header + $"1;NA;10;5;{date}\n1;NA;10;6;2016-01-01\n");
        Assert.Equal(2, e.Line);
        Assert.Contains($"unparsable eventdate '{date}'", e.Problem);
    }

    [Theory]
    [InlineData("2014-04-07 10:51:09")]
    [InlineData("2014-04-07T25:51:09.277Z")]
    [InlineData("1396867869")]
    [InlineData("2014-04-07T10:51")]
    public void An_unparsable_timestamp_is_an_error(string timestamp)
    {
        var e = YooError($"1,2014-04-07T10:51:09.277Z,5,0\n1,{timestamp},5,0\n2,2014-04-07T10:51:09.277Z,5,0\n");
        Assert.Equal(2, e.Line);
        Assert.Contains($"unparsable timestamp '{timestamp}'", e.Problem);
    }

    [Fact]
    public void A_header_line_that_is_not_the_known_one_is_an_unparsable_timestamp_with_a_hint()
    {
        var e = YooError("session,time,item,category\n1,2014-04-07T10:51:09.277Z,5,0\n");
        Assert.Equal(1, e.Line);
        Assert.Contains("session_id,timestamp,item_id,category", e.Problem);
    }

    [Fact]
    public void Empty_session_or_item_ids_are_errors()
    {
        Assert.Contains("empty item id", DigiError(Header + "1;NA;;5;2016-01-01\n2;NA;1;5;2016-01-01\n").Problem);
        Assert.Contains("empty session id", DigiError(Header + ";NA;3;5;2016-01-01\n2;NA;1;5;2016-01-01\n").Problem);
        Assert.Contains("empty item id", YooError("1,2014-04-07T10:51:09.277Z,,0\n").Problem);
    }

    [Theory]
    [InlineData("1;NA;10;5;2016-01-01\n2;NA;1")] // cut inside a row: too few columns
    [InlineData("1;NA;10;5;2016-01-01\n2;NA;11;6;2016-0")] // cut inside the date
    public void A_truncated_last_line_is_an_error(string rows)
    {
        var e = DigiError(Header + rows);
        Assert.Equal(3, e.Line);
        Assert.StartsWith("truncated last line", e.Problem);
        var y = YooError("1,2014-04-07T10:51:09.277Z,5,0\n2,2014-04-07T10:5");
        Assert.Equal(2, y.Line);
        Assert.StartsWith("truncated last line", y.Problem);
    }

    [Fact]
    public void The_message_names_file_line_and_problem()
    {
        var e = DigiError(Header + "1;NA;10;x;2016-01-01\n1;NA;10;5;2016-01-01\n");
        Assert.Equal($"{e.File}:2: {e.Problem}", e.Message);
        Assert.EndsWith("views.csv", e.File);
    }
}
