namespace Tagnn.Training;

/// <summary>
/// An <see cref="IProgress{T}"/> that calls its handler at once, on the thread that reports. (The framework's
/// <see cref="Progress{T}"/> posts every report to the synchronization context or the thread pool, so reports can
/// arrive late, concurrently or after the work has returned: wrong for collecting a training run's losses.)
/// </summary>
/// <typeparam name="T">The report.</typeparam>
/// <param name="handler">Called with every report.</param>
public sealed class InlineProgress<T>(Action<T> handler) : IProgress<T>
{
    private readonly Action<T> handler = handler ?? throw new ArgumentNullException(nameof(handler));

    /// <inheritdoc />
    public void Report(T value) => handler(value);
}
