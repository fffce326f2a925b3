using System.Buffers.Binary;
using System.Text;

namespace Federation.Testing.Telemetry;

/// <summary>One field of a protobuf message: its number and either a number (varint, fixed) or a byte range.</summary>
public readonly record struct ProtoField(int Number, ulong Value, ArraySegment<byte> Bytes)
{
    public string Text => Encoding.UTF8.GetString(Bytes);

    public string Hex => Convert.ToHexStringLower(Bytes);

    public double Double => BitConverter.Int64BitsToDouble(unchecked((long)Value));
}

/// <summary>
/// Just enough of the protobuf wire format to read what an OTLP exporter sends: varints, fixed 32/64-bit numbers
/// and length-delimited fields, which nest. Written for the tests' OTLP receiver (no generated proto classes).
/// </summary>
public static class ProtoFields
{
    public static IEnumerable<ProtoField> Read(ArraySegment<byte> message)
    {
        var position = 0;
        while (position < message.Count)
        {
            var key = ReadVarint(message, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new ProtoField(number, ReadVarint(message, ref position), default);
                    break;
                case 1:
                    yield return new ProtoField(number, BinaryPrimitives.ReadUInt64LittleEndian(message.AsSpan(position, 8)), default);
                    position += 8;
                    break;
                case 2:
                    var length = checked((int)ReadVarint(message, ref position));
                    yield return new ProtoField(number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new ProtoField(number, BinaryPrimitives.ReadUInt32LittleEndian(message.AsSpan(position, 4)), default);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Wire type {key & 7} of field {number} is not used by OTLP.");
            }
        }
    }

    private static ulong ReadVarint(ArraySegment<byte> message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var next = message[position++];
            value |= (ulong)(next & 0x7F) << shift;
            if ((next & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A varint longer than ten bytes.");
    }
}
