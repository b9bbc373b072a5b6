using Tagnn.IO;

namespace Tagnn.Tests.Support;

/// <summary>
/// A full disk without filling one: until disposed, every file <see cref="AtomicFile"/> writes in this async flow goes
/// through a stream that accepts <c>budget</c> bytes in total (over all files) and then throws, as a write to a full
/// disk does ("No space left on device"). With <c>appliesTo</c>, only the files it accepts (by their temporary file's
/// name, e.g. <c>.last.safetensors.PID.GUID.tmp</c>; asked once per file, in write order) count and fail.
/// </summary>
internal sealed class SimulatedDiskFull : IDisposable
{
    private readonly Func<Stream, Stream>? previous;
    private long left;

    public SimulatedDiskFull(long budget, Func<string, bool>? appliesTo = null)
    {
        left = budget;
        previous = AtomicFile.StreamWrapper.Value;
        AtomicFile.StreamWrapper.Value = stream =>
            appliesTo is null || (stream is FileStream file && appliesTo(Path.GetFileName(file.Name))) ? new Limited(stream, this) : stream;
    }

    /// <summary>A disk that fills up exactly when the <paramref name="occurrence"/>-th file whose name contains
    /// <paramref name="namePart"/> is written (1-based); every other write succeeds.</summary>
    public static SimulatedDiskFull AtWrite(string namePart, int occurrence)
    {
        var seen = 0;
        return new SimulatedDiskFull(0, name => name.Contains(namePart, StringComparison.Ordinal) && ++seen == occurrence);
    }

    /// <summary>How many writes were refused.</summary>
    public int Refusals { get; private set; }

    public void Dispose() => AtomicFile.StreamWrapper.Value = previous;

    private void Take(int count)
    {
        if (count > left)
        {
            Refusals++;
            left = 0;
            throw new IOException("No space left on device (simulated)");
        }
        left -= count;
    }

    private sealed class Limited(Stream inner, SimulatedDiskFull disk) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            disk.Take(buffer.Length);
            inner.Write(buffer);
        }

        public override void WriteByte(byte value)
        {
            disk.Take(1);
            inner.WriteByte(value);
        }
    }
}
