namespace Tagnn.Course;

/// <summary>What <see cref="IReadOnlyList{T}"/> lacks and the course layer needs.</summary>
internal static class ReadOnlyListExtensions
{
    /// <summary>The index of the first element equal to <paramref name="value"/>, or -1 when there is none.</summary>
    public static int IndexOf<T>(this IReadOnlyList<T> list, T value)
    {
        ArgumentNullException.ThrowIfNull(list);
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < list.Count; i++)
        {
            if (comparer.Equals(list[i], value)) return i;
        }
        return -1;
    }
}
