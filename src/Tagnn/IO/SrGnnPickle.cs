using System.Buffers.Binary;

namespace Tagnn.IO;

/// <summary>
/// SR-GNN's <c>train.txt</c> / <c>test.txt</c>: a Python pickle of the tuple (list of prefixes, list of targets), each
/// prefix a list of item ids, as <c>datasets/preprocess.py</c> writes it (<c>pickle.dump((tr_seqs, tr_labs), f)</c>).
/// This layer reads and writes plain arrays (<see cref="SrGnnExamples"/>); the Data layer's <c>PickleConversion</c>
/// turns them into datasets.
/// </summary>
/// <remarks>
/// <para>Reading is restricted: a pickle is a program that can import and call anything, so
/// <see cref="RestrictedUnpickler"/> interprets only the opcodes Python emits for tuples, lists and integers and
/// refuses any other with a <see cref="PickleException"/> naming the opcode and its byte offset.</para>
/// <para>Writing produces protocol 2, byte for byte what CPython's <c>pickle.dumps(obj, protocol=2)</c> writes for the
/// same tuple of lists (memo entries for every list and the tuple, appends in batches of 1000), so the files load in
/// any Python 3 and in the authors' code.</para>
/// </remarks>
public static class SrGnnPickle
{
    /// <summary>Reads a SR-GNN pickle.</summary>
    /// <exception cref="PickleException">Not a pickle of (list of int lists, list of ints), or an opcode outside the
    /// allowed set.</exception>
    public static SrGnnExamples Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses SR-GNN pickle bytes (<paramref name="name"/> is used in messages).</summary>
    public static SrGnnExamples Parse(ReadOnlySpan<byte> data, string name)
    {
        var root = new RestrictedUnpickler(data, name).Run();
        if (root.Kind != PickleValueKind.Tuple || root.Items!.Count != 2)
            throw new PickleException(name, 0, $"expected a tuple (prefixes, targets), found {root.Describe()}.");
        var prefixes = root.Items[0];
        var targets = root.Items[1];
        if (prefixes.Kind != PickleValueKind.List || targets.Kind != PickleValueKind.List)
            throw new PickleException(name, 0, $"expected (list, list), found ({prefixes.Describe()}, {targets.Describe()}).");
        if (prefixes.Items!.Count != targets.Items!.Count)
            throw new PickleException(name, 0, $"{prefixes.Items.Count} prefixes but {targets.Items.Count} targets.");
        var count = targets.Items.Count;
        var total = 0L;
        for (var i = 0; i < count; i++)
        {
            var p = prefixes.Items[i];
            if (p.Kind != PickleValueKind.List) throw new PickleException(name, 0, $"prefix {i} is {p.Describe()}, not a list of item ids.");
            if (p.Items!.Count == 0) throw new PickleException(name, 0, $"prefix {i} is empty.");
            total += p.Items.Count;
        }
        var flat = new int[total];
        var offsets = new int[count + 1];
        var labels = new int[count];
        var at = 0;
        for (var i = 0; i < count; i++)
        {
            foreach (var v in prefixes.Items[i].Items!) flat[at++] = ItemId(v, name, $"prefix {i}");
            offsets[i + 1] = at;
            labels[i] = ItemId(targets.Items[i], name, $"target {i}");
        }
        return new SrGnnExamples(flat, offsets, labels);
    }

    private static int ItemId(PickleValue v, string name, string where)
    {
        if (v.Kind != PickleValueKind.Int) throw new PickleException(name, 0, $"{where} holds {v.Describe()}, not an item id.");
        if (v.Int is < 1 or > int.MaxValue)
            throw new PickleException(name, 0, $"{where} holds item id {v.Int}; item ids run from 1 to {int.MaxValue} (0 is padding).");
        return (int)v.Int;
    }

    /// <summary>Writes <paramref name="examples"/> as (prefixes, targets), protocol 2, atomically.</summary>
    public static void Write(string path, SrGnnExamples examples, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(examples);
        AtomicFile.Write(path, stream => WriteTo(stream, examples), overwrite); // AtomicFile's stream is buffered
    }

    /// <summary>The protocol-2 bytes of <paramref name="examples"/>.</summary>
    public static byte[] ToBytes(SrGnnExamples examples)
    {
        ArgumentNullException.ThrowIfNull(examples);
        using var memory = new MemoryStream();
        WriteTo(memory, examples);
        return memory.ToArray();
    }

    private static void WriteTo(Stream s, SrGnnExamples examples)
    {
        var memo = 0L;
        void Put()
        {
            if (memo < 256)
            {
                s.WriteByte((byte)'q');
                s.WriteByte((byte)memo);
            }
            else
            {
                s.WriteByte((byte)'r');
                Span<byte> b = stackalloc byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(b, (uint)memo);
                s.Write(b);
            }
            memo++;
        }
        void Int(int v)
        {
            Span<byte> b = stackalloc byte[5];
            if (v is >= 0 and <= 0xFF)
            {
                b[0] = (byte)'K';
                b[1] = (byte)v;
                s.Write(b[..2]);
            }
            else if (v is >= 0 and <= 0xFFFF)
            {
                b[0] = (byte)'M';
                BinaryPrimitives.WriteUInt16LittleEndian(b[1..], (ushort)v);
                s.Write(b[..3]);
            }
            else
            {
                b[0] = (byte)'J';
                BinaryPrimitives.WriteInt32LittleEndian(b[1..], v);
                s.Write(b);
            }
        }
        // CPython's batch_list_exact: one item -> item APPEND; otherwise MARK items APPENDS per 1000.
        void List(int count, Func<int, bool> writeItem)
        {
            s.WriteByte((byte)']');
            Put();
            if (count == 0) return;
            if (count == 1)
            {
                writeItem(0);
                s.WriteByte((byte)'a');
                return;
            }
            for (var start = 0; start < count; start += 1000)
            {
                s.WriteByte((byte)'(');
                for (var i = start; i < Math.Min(count, start + 1000); i++) writeItem(i);
                s.WriteByte((byte)'e');
            }
        }

        var (items, offsets, targets) = (examples.PrefixItems, examples.Offsets, examples.Targets);
        s.WriteByte(0x80);
        s.WriteByte(2);
        List(examples.Count, i =>
        {
            var start = offsets[i];
            List(offsets[i + 1] - start, k => { Int(items[start + k]); return true; });
            return true;
        });
        List(examples.Count, i => { Int(targets[i]); return true; });
        s.WriteByte(0x86); // TUPLE2
        Put();
        s.WriteByte((byte)'.');
    }
}
