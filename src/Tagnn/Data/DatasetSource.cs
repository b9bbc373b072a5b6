namespace Tagnn.Data;

/// <summary>A real dataset of <c>data/sources.json</c>.</summary>
/// <param name="Name">"diginetica" or "yoochoose" (the <c>--dataset</c> value).</param>
/// <param name="Title">What it is.</param>
/// <param name="File">The click log's file name under the data folder.</param>
/// <param name="Rows">The number of data rows of the genuine file (checked after download; null: not checked).</param>
/// <param name="Header">The first line when the file has a header; null otherwise.</param>
/// <param name="Size">Its size, in words.</param>
/// <param name="Homepage">The official page.</param>
/// <param name="Terms">The terms of use, in short.</param>
/// <param name="Downloads">Direct download addresses, tried in order; empty when none may be used.</param>
/// <param name="Manual">Steps to get the file by hand.</param>
public sealed record DatasetSource(
    string Name, string Title, string File, long? Rows, string? Header, string Size, string Homepage, string Terms,
    IReadOnlyList<DatasetDownload> Downloads, IReadOnlyList<string> Manual);
