using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Tagnn.IO;

/// <summary>
/// The restricted interpreter behind <see cref="SrGnnPickle"/>. A pickle is a program that can import and call
/// anything (GLOBAL + REDUCE runs <c>os.system</c>), so this is not an unpickler but an interpreter of the few opcodes
/// Python emits for tuples, lists and integers in protocols 0 to 5 (PROTO, FRAME, STOP, MARK, EMPTY_LIST, LIST,
/// APPEND, APPENDS, EMPTY_TUPLE, TUPLE, TUPLE1-3, INT, LONG, BININT, BININT1, BININT2, LONG1, LONG4, PUT, BINPUT,
/// LONG_BINPUT, MEMOIZE, GET, BINGET, LONG_BINGET). Any other opcode stops it with a <see cref="PickleException"/>
/// naming the opcode and its byte offset, before anything is built from it.
/// </summary>
internal ref struct RestrictedUnpickler(ReadOnlySpan<byte> data, string name)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int pos;
    private readonly List<PickleValue> stack = new(64);
    private readonly Stack<int> marks = new();
    private readonly Dictionary<long, PickleValue> memo = [];

    /// <summary>Runs the pickle to its STOP and returns the one value it leaves.</summary>
    public PickleValue Run()
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
                    stack.Add(new PickleValue(PickleValueKind.List, 0, []));
                    break;
                case (byte)'l': // LIST
                    stack.Add(new PickleValue(PickleValueKind.List, 0, PopMark(at)));
                    break;
                case (byte)')': // EMPTY_TUPLE
                    stack.Add(new PickleValue(PickleValueKind.Tuple, 0, []));
                    break;
                case (byte)'t': // TUPLE
                    stack.Add(new PickleValue(PickleValueKind.Tuple, 0, PopMark(at)));
                    break;
                case 0x85 or 0x86 or 0x87: // TUPLE1..3
                    var n = op - 0x84;
                    if (stack.Count - CurrentMark() < n) throw Fail(at, $"{PickleOpcodes.Name(op)} needs {n} values on the stack.");
                    var items = stack.GetRange(stack.Count - n, n);
                    stack.RemoveRange(stack.Count - n, n);
                    stack.Add(new PickleValue(PickleValueKind.Tuple, 0, items));
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
                    stack.Add(PickleValue.Of(Bytes(at, 1)[0]));
                    break;
                case (byte)'M': // BININT2
                    stack.Add(PickleValue.Of(BinaryPrimitives.ReadUInt16LittleEndian(Bytes(at, 2))));
                    break;
                case (byte)'J': // BININT
                    stack.Add(PickleValue.Of(BinaryPrimitives.ReadInt32LittleEndian(Bytes(at, 4))));
                    break;
                case 0x8a: // LONG1
                    stack.Add(PickleValue.Of(LittleEndianInteger(at, Bytes(at, Bytes(at, 1)[0]))));
                    break;
                case 0x8b: // LONG4
                    var length = BinaryPrimitives.ReadInt32LittleEndian(Bytes(at, 4));
                    if (length is < 0 or > 8) throw Fail(at, $"LONG4 of {length} bytes: item ids fit in 8 bytes.");
                    stack.Add(PickleValue.Of(LittleEndianInteger(at, Bytes(at, length))));
                    break;
                case (byte)'I': // INT (protocol 0): decimal text and a newline; I00/I01 are False/True
                    stack.Add(PickleValue.Of(DecimalLine(at, allowLongSuffix: false)));
                    break;
                case (byte)'L': // LONG (protocol 0): decimal text, an optional L, a newline
                    stack.Add(PickleValue.Of(DecimalLine(at, allowLongSuffix: true)));
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
                    throw Fail(at, $"opcode {PickleOpcodes.Name(op)} is not allowed: this reader accepts only the opcodes of tuples, " +
                        "lists and integers (a pickle can run arbitrary code, so nothing else is interpreted).");
            }
        }
    }

    private readonly PickleException Fail(int offset, string problem) => new(name, offset, problem);

    private ReadOnlySpan<byte> Bytes(int at, int count)
    {
        if (pos + count > data.Length)
            throw Fail(at, $"{PickleOpcodes.Name(data[at])} needs {count} more bytes, the file ends (truncated?).");
        var span = data.Slice(pos, count);
        pos += count;
        return span;
    }

    private readonly int CurrentMark() => marks.Count > 0 ? marks.Peek() : 0;

    private List<PickleValue> PopMark(int at)
    {
        if (marks.Count == 0) throw Fail(at, $"{PickleOpcodes.Name(data[at])} without a MARK.");
        var mark = marks.Pop();
        var items = stack.GetRange(mark, stack.Count - mark);
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private readonly List<PickleValue> ListAt(int index, int at)
    {
        if (index < CurrentMark() || index < 0 || stack[index].Kind != PickleValueKind.List)
            throw Fail(at, $"{PickleOpcodes.Name(data[at])} needs a list below the values, found {(index >= 0 ? stack[index].Describe() : "nothing")}.");
        return stack[index].Items!;
    }

    private readonly void Memo(long key, int at)
    {
        if (stack.Count == 0) throw Fail(at, $"{PickleOpcodes.Name(data[at])} with an empty stack.");
        memo[key] = stack[^1];
    }

    private readonly PickleValue Recall(long key, int at) =>
        memo.TryGetValue(key, out var v) ? v : throw Fail(at, $"{PickleOpcodes.Name(data[at])} of memo entry {key}, which was never stored.");

    private long DecimalLine(int at, bool allowLongSuffix)
    {
        var end = data[pos..].IndexOf((byte)'\n');
        if (end < 0) throw Fail(at, $"{PickleOpcodes.Name(data[at])} without a newline (truncated?).");
        var text = Encoding.ASCII.GetString(data.Slice(pos, end));
        pos += end + 1;
        if (allowLongSuffix && text.EndsWith('L')) text = text[..^1];
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw Fail(at, $"{PickleOpcodes.Name(data[at])} with '{text}', not an integer that fits in 64 bits.");
        return value;
    }

    private readonly long LittleEndianInteger(int at, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 8) throw Fail(at, $"an integer of {bytes.Length} bytes; item ids fit in 8 bytes.");
        return bytes.IsEmpty ? 0 : (long)new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
    }
}
