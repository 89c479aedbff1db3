using System.Text;

namespace ResearchKit.Models;

/// <summary>
/// The external-data files an ONNX graph points at: tensors whose <c>data_location</c> is EXTERNAL keep
/// their bytes in a file beside the graph (<c>model.onnx_data</c> from transformers.js and optimum, one file
/// per tensor from torch exports over 2 GB). Read straight from the protobuf wire format with 64-bit
/// offsets, skipping inline weights by seeking, so graphs and data files of any size are handled.
/// </summary>
public static class OnnxExternalData
{
    // ONNX field numbers (onnx.proto3).
    private const int ModelGraph = 7, ModelFunctions = 25;
    private const int GraphNode = 1, GraphInitializer = 5, GraphSparseInitializer = 15;
    private const int NodeAttribute = 5;
    private const int FunctionNode = 7;
    private const int AttributeTensor = 5, AttributeGraph = 6, AttributeTensors = 10, AttributeGraphs = 11, AttributeSparseTensor = 22, AttributeSparseTensors = 23;
    private const int SparseValues = 1, SparseIndices = 2;
    private const int TensorName = 8, TensorExternalData = 13, TensorDataLocation = 14;
    private const int EntryKey = 1, EntryValue = 2;
    private const int MaxDepth = 64;

    /// <summary>Every tensor of <paramref name="onnxPath"/> stored outside the graph, in file order.</summary>
    /// <exception cref="ModelLoadException">The file is missing, not an ONNX protobuf, or names an external file outside its folder.</exception>
    public static IReadOnlyList<ExternalTensor> Read(string onnxPath)
    {
        var found = new List<ExternalTensor>();
        try
        {
            using var stream = new FileStream(onnxPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
            var reader = new WireReader(stream, onnxPath);
            reader.Message(stream.Length, (field, wire, end) =>
            {
                if (field == ModelGraph && wire == WireReader.Length) Graph(reader, end, found, 0);
                else if (field == ModelFunctions && wire == WireReader.Length) Nodes(reader, end, FunctionNode, found, 0);
                else reader.Skip(wire);
            });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ModelLoadException(onnxPath, "the ONNX file does not exist; the model directory is incomplete (download the model again, or use a complete directory).", e);
        }
        catch (EndOfStreamException e)
        {
            throw new ModelLoadException(onnxPath, "the ONNX file ends in the middle of a record (an interrupted download?); download the model again.", e);
        }
        foreach (var tensor in found) CheckLocation(onnxPath, tensor);
        return found;
    }

    /// <summary>The distinct external files <paramref name="onnxPath"/> needs, as paths relative to its folder (forward slashes).</summary>
    public static IReadOnlyList<string> Files(string onnxPath) =>
        [.. Read(onnxPath).Select(t => t.Location).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// The bytes each external file must hold at least (the furthest offset + length any tensor reads), keyed
    /// by location. A length the graph leaves out counts as zero: the tensor then runs to the file's end.
    /// </summary>
    public static IReadOnlyDictionary<string, long> RequiredSizes(IEnumerable<ExternalTensor> tensors)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            var end = checked(t.Offset + (t.Length ?? 0));
            sizes[t.Location] = Math.Max(end, sizes.GetValueOrDefault(t.Location));
        }
        return sizes;
    }

    /// <summary>
    /// Checks that every external file of <paramref name="onnxPath"/> is beside it and long enough for the
    /// tensors that read it, so a missing or truncated data file is named before ONNX Runtime fails on it.
    /// </summary>
    /// <exception cref="ModelLoadException">A data file is missing or shorter than the graph needs.</exception>
    public static void Require(string onnxPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(onnxPath))!;
        foreach (var (location, size) in RequiredSizes(Read(onnxPath)))
        {
            var file = new FileInfo(Path.Combine(folder, location.Replace('/', Path.DirectorySeparatorChar)));
            var resolved = file.LinkTarget is not null ? file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo : file;
            if (resolved is not { Exists: true })
                throw new ModelLoadException(onnxPath, $"the graph keeps its weights in '{location}', which is not beside it. Download it from the model's repository into {folder}.");
            if (resolved.Length < size)
                throw new ModelLoadException(onnxPath, $"'{location}' holds {resolved.Length} bytes but the graph reads up to byte {size} (an interrupted download?); download the model again.");
        }
    }

    private static void Graph(WireReader reader, long end, List<ExternalTensor> found, int depth)
    {
        if (depth > MaxDepth) throw reader.Invalid("subgraphs nest too deeply");
        reader.Message(end, (field, wire, inner) =>
        {
            if (wire != WireReader.Length) { reader.Skip(wire); return; }
            switch (field)
            {
                case GraphInitializer: Tensor(reader, inner, found); break;
                case GraphSparseInitializer: Sparse(reader, inner, found); break;
                case GraphNode: Node(reader, inner, found, depth); break;
                default: reader.Skip(wire); break;
            }
        });
    }

    private static void Nodes(WireReader reader, long end, int nodeField, List<ExternalTensor> found, int depth) =>
        reader.Message(end, (field, wire, inner) =>
        {
            if (field == nodeField && wire == WireReader.Length) Node(reader, inner, found, depth);
            else reader.Skip(wire);
        });

    private static void Node(WireReader reader, long end, List<ExternalTensor> found, int depth) =>
        reader.Message(end, (field, wire, inner) =>
        {
            if (field != NodeAttribute || wire != WireReader.Length) { reader.Skip(wire); return; }
            reader.Message(inner, (a, aw, aEnd) =>
            {
                if (aw != WireReader.Length) { reader.Skip(aw); return; }
                switch (a)
                {
                    case AttributeTensor or AttributeTensors: Tensor(reader, aEnd, found); break;
                    case AttributeSparseTensor or AttributeSparseTensors: Sparse(reader, aEnd, found); break;
                    case AttributeGraph or AttributeGraphs: Graph(reader, aEnd, found, depth + 1); break;
                    default: reader.Skip(aw); break;
                }
            });
        });

    private static void Sparse(WireReader reader, long end, List<ExternalTensor> found) =>
        reader.Message(end, (field, wire, inner) =>
        {
            if (field is SparseValues or SparseIndices && wire == WireReader.Length) Tensor(reader, inner, found);
            else reader.Skip(wire);
        });

    private static void Tensor(WireReader reader, long end, List<ExternalTensor> found)
    {
        string name = "";
        var external = false;
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        reader.Message(end, (field, wire, inner) =>
        {
            switch (field)
            {
                case TensorName when wire == WireReader.Length: name = reader.String(inner); break;
                case TensorDataLocation when wire == WireReader.VarintWire: external = reader.Varint() == 1; break;
                case TensorExternalData when wire == WireReader.Length:
                {
                    string key = "", value = "";
                    reader.Message(inner, (e, ew, eEnd) =>
                    {
                        if (e == EntryKey && ew == WireReader.Length) key = reader.String(eEnd);
                        else if (e == EntryValue && ew == WireReader.Length) value = reader.String(eEnd);
                        else reader.Skip(ew);
                    });
                    entries[key] = value;
                    break;
                }
                default: reader.Skip(wire); break;
            }
        });
        if (!external) return;
        if (!entries.TryGetValue("location", out var location) || location.Length == 0)
            throw reader.Invalid($"tensor '{name}' is stored externally but names no location");
        found.Add(new ExternalTensor(name, location.Replace('\\', '/'), Number(reader, entries, "offset", name) ?? 0, Number(reader, entries, "length", name)));
    }

    private static long? Number(WireReader reader, Dictionary<string, string> entries, string key, string tensor)
    {
        if (!entries.TryGetValue(key, out var text)) return null;
        if (long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)) return value;
        throw reader.Invalid($"tensor '{tensor}' has external-data {key} '{text}', which is not a non-negative integer");
    }

    private static void CheckLocation(string onnxPath, ExternalTensor tensor)
    {
        // ONNX Runtime refuses locations that leave the model's folder; say so before it does.
        var parts = tensor.Location.Split('/');
        if (Path.IsPathRooted(tensor.Location) || tensor.Location.StartsWith('/') || parts.Any(p => p is "" or "." or ".."))
            throw new ModelLoadException(onnxPath, $"tensor '{tensor.Tensor}' keeps its data at '{tensor.Location}', outside the graph's folder; ResearchKit (like ONNX Runtime) only reads external data stored beside the graph.");
    }

    /// <summary>A minimal protobuf reader over a seekable stream with 64-bit positions.</summary>
    private sealed class WireReader(Stream stream, string path)
    {
        public const int VarintWire = 0, Fixed64 = 1, Length = 2, Fixed32 = 5;
        public ModelLoadException Invalid(string problem) =>
            new(path, $"not a readable ONNX graph ({problem}). Re-download it, or re-export the model.");

        /// <summary>Reads fields until <paramref name="end"/>; for LEN fields the handler gets the field's end and must consume or skip it.</summary>
        public void Message(long end, Action<int, int, long> field)
        {
            while (stream.Position < end)
            {
                var tag = Varint();
                var number = (int)(tag >> 3);
                var wire = (int)(tag & 7);
                if (number == 0) throw Invalid("a field numbered 0");
                long fieldEnd = -1;
                if (wire == Length)
                {
                    var length = checked((long)Varint());
                    fieldEnd = checked(stream.Position + length);
                    if (fieldEnd > end) throw Invalid("a record runs past its parent");
                }
                field(number, wire, fieldEnd);
                if (wire == Length && stream.Position != fieldEnd) stream.Position = fieldEnd;
            }
            if (stream.Position != end) throw Invalid("a record runs past its parent");
        }

        public void Skip(int wire)
        {
            switch (wire)
            {
                case VarintWire: Varint(); break;
                case Fixed64: stream.Position += 8; break;
                case Fixed32: stream.Position += 4; break;
                case Length: break; // Message() moves past the field once the handler returns

                default: throw Invalid($"wire type {wire}, which ONNX does not use");
            }
        }

        public ulong Varint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                var b = stream.ReadByte();
                if (b < 0) throw new EndOfStreamException();
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return value;
            }
            throw Invalid("a malformed varint");
        }

        public string String(long end)
        {
            var length = end - stream.Position;
            if (length > 1 << 20) throw Invalid("a name longer than 1 MB");
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return Encoding.UTF8.GetString(bytes);
        }
    }
}
