using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;
using Tagnn.Data;

namespace Tagnn.IO;

/// <summary>A pickle this reader refuses or cannot understand; the message names the file, the byte offset and,
/// when there is one, the opcode.</summary>
public sealed class PickleException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public PickleException(string file, long offset, string problem)
        : base($"{file}: byte {offset}: {problem}")
    {
        File = file;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The pickle file.</summary>
    public string File { get; }

    /// <summary>The byte offset of the offending opcode.</summary>
    public long Offset { get; }

    /// <summary>What is wrong.</summary>
    public string Problem { get; }
}

/// <summary>
/// SR-GNN's <c>train.txt</c> / <c>test.txt</c>: a Python pickle of the tuple (list of prefixes, list of targets), each
/// prefix a list of item ids, as <c>datasets/preprocess.py</c> writes it (<c>pickle.dump((tr_seqs, tr_labs), f)</c>).
/// </summary>
/// <remarks>
/// <para>Reading is restricted: a pickle is a program that can import and call anything (GLOBAL + REDUCE runs
/// <c>os.system</c>), so this reader is not an unpickler but an interpreter of the few opcodes Python emits for tuples,
/// lists and integers in protocols 0 to 5 (PROTO, FRAME, STOP, MARK, EMPTY_LIST, LIST, APPEND, APPENDS, EMPTY_TUPLE,
/// TUPLE, TUPLE1-3, INT, LONG, BININT, BININT1, BININT2, LONG1, LONG4, PUT, BINPUT, LONG_BINPUT, MEMOIZE, GET,
/// BINGET, LONG_BINGET). Any other opcode stops it with a <see cref="PickleException"/> naming the opcode and its byte
/// offset, before anything is built from it.</para>
/// <para>Writing produces protocol 2, byte for byte what CPython's <c>pickle.dumps(obj, protocol=2)</c> writes for the
/// same tuple of lists (memo entries for every list and the tuple, appends in batches of 1000), so the files load in
/// any Python 3 and in the authors' code.</para>
/// </remarks>
public static class SrGnnPickle
{
    /// <summary>Reads a SR-GNN pickle into a dataset.</summary>
    /// <exception cref="PickleException">Not a pickle of (list of int lists, list of ints), or an opcode outside the
    /// allowed set.</exception>
    public static SessionDataset Read(string path) => Parse(File.ReadAllBytes(path), path);

    /// <summary>Parses SR-GNN pickle bytes (<paramref name="name"/> is used in messages).</summary>
    public static SessionDataset Parse(ReadOnlySpan<byte> data, string name)
    {
        var root = new Unpickler(data, name).Run();
        if (root.Kind != Kind.Tuple || root.Items!.Count != 2)
            throw new PickleException(name, 0, $"expected a tuple (prefixes, targets), found {Describe(root)}.");
        var prefixes = root.Items[0];
        var targets = root.Items[1];
        if (prefixes.Kind != Kind.List || targets.Kind != Kind.List)
            throw new PickleException(name, 0, $"expected (list, list), found ({Describe(prefixes)}, {Describe(targets)}).");
        if (prefixes.Items!.Count != targets.Items!.Count)
            throw new PickleException(name, 0, $"{prefixes.Items.Count} prefixes but {targets.Items.Count} targets.");
        var count = targets.Items.Count;
        var total = 0L;
        for (var i = 0; i < count; i++)
        {
            var p = prefixes.Items[i];
            if (p.Kind != Kind.List) throw new PickleException(name, 0, $"prefix {i} is {Describe(p)}, not a list of item ids.");
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
        return new SessionDataset(flat, offsets, labels);
    }

    private static int ItemId(Value v, string name, string where)
    {
        if (v.Kind != Kind.Int) throw new PickleException(name, 0, $"{where} holds {Describe(v)}, not an item id.");
        if (v.Int is < 1 or > int.MaxValue)
            throw new PickleException(name, 0, $"{where} holds item id {v.Int}; item ids run from 1 to {int.MaxValue} (0 is padding).");
        return (int)v.Int;
    }

    private static string Describe(Value v) => v.Kind switch
    {
        Kind.Int => $"the integer {v.Int}",
        Kind.List => $"a list of {v.Items!.Count}",
        Kind.Tuple => $"a tuple of {v.Items!.Count}",
        _ => "a mark",
    };

    /// <summary>Writes <paramref name="dataset"/> as (prefixes, targets), protocol 2, atomically.</summary>
    public static void Write(string path, SessionDataset dataset, bool overwrite = true)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        AtomicFile.Write(path, stream => WriteTo(stream, dataset), overwrite); // AtomicFile's stream is buffered
    }

    /// <summary>The protocol-2 bytes of <paramref name="dataset"/>.</summary>
    public static byte[] ToBytes(SessionDataset dataset)
    {
        using var memory = new MemoryStream();
        WriteTo(memory, dataset);
        return memory.ToArray();
    }

    private static void WriteTo(Stream s, SessionDataset dataset)
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

        s.WriteByte(0x80);
        s.WriteByte(2);
        List(dataset.Count, i =>
        {
            var prefix = dataset.Prefix(i).ToArray();
            List(prefix.Length, k => { Int(prefix[k]); return true; });
            return true;
        });
        List(dataset.Count, i => { Int(dataset.Target(i)); return true; });
        s.WriteByte(0x86); // TUPLE2
        Put();
        s.WriteByte((byte)'.');
    }

    private enum Kind : byte { Int, List, Tuple, Mark }

    /// <summary>A value on the unpickler's stack: an integer (unboxed) or a list/tuple.</summary>
    private readonly record struct Value(Kind Kind, long Int, List<Value>? Items)
    {
        public static Value Of(long v) => new(Kind.Int, v, null);
    }

    /// <summary>The restricted interpreter.</summary>
    private ref struct Unpickler(ReadOnlySpan<byte> data, string name)
    {
        private readonly ReadOnlySpan<byte> data = data;
        private int pos;
        private readonly List<Value> stack = new(64);
        private readonly Stack<int> marks = new();
        private readonly Dictionary<long, Value> memo = [];

        public Value Run()
        {
            while (true)
            {
                if (pos >= data.Length) throw Fail(pos, "the pickle ends without STOP (truncated file?).");
                var at = pos;
                var op = data[pos++];
                switch (op)
                {
                    case 0x80: // PROTO
                        var proto = Bytes(at, 1)[0];
                        if (proto > 5) throw Fail(at, $"pickle protocol {proto} is newer than 5.");
                        break;
                    case 0x95: // FRAME: an 8-byte length; framing does not change the opcodes.
                        Bytes(at, 8);
                        break;
                    case (byte)'.': // STOP
                        if (marks.Count > 0) throw Fail(at, "STOP inside an unclosed MARK.");
                        if (stack.Count != 1) throw Fail(at, $"STOP with {stack.Count} values on the stack (expected 1).");
                        return stack[0];
                    case (byte)'(': // MARK
                        marks.Push(stack.Count);
                        break;
                    case (byte)']': // EMPTY_LIST
                        stack.Add(new Value(Kind.List, 0, []));
                        break;
                    case (byte)'l': // LIST
                        stack.Add(new Value(Kind.List, 0, PopMark(at)));
                        break;
                    case (byte)')': // EMPTY_TUPLE
                        stack.Add(new Value(Kind.Tuple, 0, []));
                        break;
                    case (byte)'t': // TUPLE
                        stack.Add(new Value(Kind.Tuple, 0, PopMark(at)));
                        break;
                    case 0x85 or 0x86 or 0x87: // TUPLE1..3
                        var n = op - 0x84;
                        if (stack.Count - CurrentMark() < n) throw Fail(at, $"{Name(op)} needs {n} values on the stack.");
                        var items = stack.GetRange(stack.Count - n, n);
                        stack.RemoveRange(stack.Count - n, n);
                        stack.Add(new Value(Kind.Tuple, 0, items));
                        break;
                    case (byte)'a': // APPEND
                        if (stack.Count - CurrentMark() < 2) throw Fail(at, "APPEND needs a list and a value.");
                        var value = stack[^1];
                        stack.RemoveAt(stack.Count - 1);
                        ListAt(stack.Count - 1, at).Add(value);
                        break;
                    case (byte)'e': // APPENDS
                        var appended = PopMark(at);
                        ListAt(stack.Count - 1, at).AddRange(appended);
                        break;
                    case (byte)'K': // BININT1
                        stack.Add(Value.Of(Bytes(at, 1)[0]));
                        break;
                    case (byte)'M': // BININT2
                        stack.Add(Value.Of(BinaryPrimitives.ReadUInt16LittleEndian(Bytes(at, 2))));
                        break;
                    case (byte)'J': // BININT
                        stack.Add(Value.Of(BinaryPrimitives.ReadInt32LittleEndian(Bytes(at, 4))));
                        break;
                    case 0x8a: // LONG1
                        stack.Add(Value.Of(LittleEndianInteger(at, Bytes(at, Bytes(at, 1)[0]))));
                        break;
                    case 0x8b: // LONG4
                        var length = BinaryPrimitives.ReadInt32LittleEndian(Bytes(at, 4));
                        if (length is < 0 or > 8) throw Fail(at, $"LONG4 of {length} bytes: item ids fit in 8 bytes.");
                        stack.Add(Value.Of(LittleEndianInteger(at, Bytes(at, length))));
                        break;
                    case (byte)'I': // INT (protocol 0): decimal text and a newline; I00/I01 are False/True
                        stack.Add(Value.Of(DecimalLine(at, allowLongSuffix: false)));
                        break;
                    case (byte)'L': // LONG (protocol 0): decimal text, an optional L, a newline
                        stack.Add(Value.Of(DecimalLine(at, allowLongSuffix: true)));
                        break;
                    case (byte)'p': // PUT
                        Memo(DecimalLine(at, false), at);
                        break;
                    case (byte)'q': // BINPUT
                        Memo(Bytes(at, 1)[0], at);
                        break;
                    case (byte)'r': // LONG_BINPUT
                        Memo(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(at, 4)), at);
                        break;
                    case 0x94: // MEMOIZE
                        Memo(memo.Count, at);
                        break;
                    case (byte)'g': // GET
                        stack.Add(Recall(DecimalLine(at, false), at));
                        break;
                    case (byte)'h': // BINGET
                        stack.Add(Recall(Bytes(at, 1)[0], at));
                        break;
                    case (byte)'j': // LONG_BINGET
                        stack.Add(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Bytes(at, 4)), at));
                        break;
                    default:
                        throw Fail(at, $"opcode {Name(op)} is not allowed: this reader accepts only the opcodes of tuples, " +
                            "lists and integers (a pickle can run arbitrary code, so nothing else is interpreted).");
                }
            }
        }

        private readonly PickleException Fail(int offset, string problem) => new(name, offset, problem);

        private ReadOnlySpan<byte> Bytes(int at, int count)
        {
            if (pos + count > data.Length)
                throw Fail(at, $"{Name(data[at])} needs {count} more bytes, the file ends (truncated?).");
            var span = data.Slice(pos, count);
            pos += count;
            return span;
        }

        private readonly int CurrentMark() => marks.Count > 0 ? marks.Peek() : 0;

        private List<Value> PopMark(int at)
        {
            if (marks.Count == 0) throw Fail(at, $"{Name(data[at])} without a MARK.");
            var mark = marks.Pop();
            var items = stack.GetRange(mark, stack.Count - mark);
            stack.RemoveRange(mark, stack.Count - mark);
            return items;
        }

        private readonly List<Value> ListAt(int index, int at)
        {
            if (index < CurrentMark() || index < 0 || stack[index].Kind != Kind.List)
                throw Fail(at, $"{Name(data[at])} needs a list below the values, found {(index >= 0 ? Describe(stack[index]) : "nothing")}.");
            return stack[index].Items!;
        }

        private readonly void Memo(long key, int at)
        {
            if (stack.Count == 0) throw Fail(at, $"{Name(data[at])} with an empty stack.");
            memo[key] = stack[^1];
        }

        private readonly Value Recall(long key, int at) =>
            memo.TryGetValue(key, out var v) ? v : throw Fail(at, $"{Name(data[at])} of memo entry {key}, which was never stored.");

        private long DecimalLine(int at, bool allowLongSuffix)
        {
            var end = data[pos..].IndexOf((byte)'\n');
            if (end < 0) throw Fail(at, $"{Name(data[at])} without a newline (truncated?).");
            var text = Encoding.ASCII.GetString(data.Slice(pos, end));
            pos += end + 1;
            if (allowLongSuffix && text.EndsWith('L')) text = text[..^1];
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                throw Fail(at, $"{Name(data[at])} with '{text}', not an integer that fits in 64 bits.");
            return value;
        }

        private readonly long LittleEndianInteger(int at, ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 8) throw Fail(at, $"an integer of {bytes.Length} bytes; item ids fit in 8 bytes.");
            return bytes.IsEmpty ? 0 : (long)new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        }
    }

    /// <summary>The name of a pickle opcode (all protocols), for messages.</summary>
    internal static string Name(byte op)
    {
        var name = op switch
        {
            (byte)'(' => "MARK", (byte)'.' => "STOP", (byte)'0' => "POP", (byte)'1' => "POP_MARK", (byte)'2' => "DUP",
            (byte)'F' => "FLOAT", (byte)'I' => "INT", (byte)'J' => "BININT", (byte)'K' => "BININT1", (byte)'L' => "LONG",
            (byte)'M' => "BININT2", (byte)'N' => "NONE", (byte)'P' => "PERSID", (byte)'Q' => "BINPERSID", (byte)'R' => "REDUCE",
            (byte)'S' => "STRING", (byte)'T' => "BINSTRING", (byte)'U' => "SHORT_BINSTRING", (byte)'V' => "UNICODE",
            (byte)'X' => "BINUNICODE", (byte)'a' => "APPEND", (byte)'b' => "BUILD", (byte)'c' => "GLOBAL", (byte)'d' => "DICT",
            (byte)'}' => "EMPTY_DICT", (byte)'e' => "APPENDS", (byte)'g' => "GET", (byte)'h' => "BINGET", (byte)'i' => "INST",
            (byte)'j' => "LONG_BINGET", (byte)'l' => "LIST", (byte)']' => "EMPTY_LIST", (byte)'o' => "OBJ", (byte)'p' => "PUT",
            (byte)'q' => "BINPUT", (byte)'r' => "LONG_BINPUT", (byte)'s' => "SETITEM", (byte)'t' => "TUPLE",
            (byte)')' => "EMPTY_TUPLE", (byte)'u' => "SETITEMS", (byte)'G' => "BINFLOAT", 0x80 => "PROTO", 0x81 => "NEWOBJ",
            0x82 => "EXT1", 0x83 => "EXT2", 0x84 => "EXT4", 0x85 => "TUPLE1", 0x86 => "TUPLE2", 0x87 => "TUPLE3",
            0x88 => "NEWTRUE", 0x89 => "NEWFALSE", 0x8a => "LONG1", 0x8b => "LONG4", 0x8c => "SHORT_BINUNICODE",
            0x8d => "BINUNICODE8", 0x8e => "BINBYTES8", 0x8f => "EMPTY_SET", 0x90 => "ADDITEMS", 0x91 => "FROZENSET",
            0x92 => "NEWOBJ_EX", 0x93 => "STACK_GLOBAL", 0x94 => "MEMOIZE", 0x95 => "FRAME", 0x96 => "BYTEARRAY8",
            0x97 => "NEXT_BUFFER", 0x98 => "READONLY_BUFFER", (byte)'B' => "BINBYTES", (byte)'C' => "SHORT_BINBYTES",
            _ => null,
        };
        var shown = op is >= 0x20 and < 0x7f ? $"'{(char)op}' " : "";
        return name is null ? $"0x{op:x2} {shown}(unknown)" : $"{name} ({shown}0x{op:x2})";
    }
}
