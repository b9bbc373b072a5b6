namespace Tagnn.Data;

/// <summary>The two click-log layouts the reference preprocessing knows.</summary>
public enum ClickLogLayout
{
    /// <summary>
    /// Diginetica (CIKM Cup 2016) <c>train-item-views.csv</c>: <c>;</c>-separated with a header
    /// (<c>sessionId;userId;itemId;timeframe;eventdate</c> or <c>session_id;user_id;item_id;timeframe;eventdate</c>),
    /// <c>timeframe</c> an integer, <c>eventdate</c> <c>YYYY-MM-DD</c>.
    /// </summary>
    Diginetica,

    /// <summary>
    /// Yoochoose (RecSys Challenge 2015) <c>yoochoose-clicks.dat</c>: <c>,</c>-separated, no header, columns session id,
    /// ISO timestamp (<c>2014-04-07T10:51:09.277Z</c>), item id, category.
    /// </summary>
    Yoochoose,
}
