using Google.Protobuf;

namespace ResearchKit.Text;

/// <summary>
/// The parts of a SentencePiece <c>.model</c> file (a <c>ModelProto</c> protobuf) that encoding needs:
/// the pieces with their scores and types, the special ids, and the normalizer settings. Read field by
/// field so that unknown or newer fields are skipped rather than rejected.
/// </summary>
internal sealed class SentencePieceModel
{
    public enum PieceType { Normal = 1, Unknown = 2, Control = 3, UserDefined = 4, Unused = 5, Byte = 6 }

    public List<(string Piece, float Score, PieceType Type)> Pieces { get; } = [];
    public int ModelType { get; private set; } = 1;  // 1 unigram, 2 BPE
    public int UnkId { get; private set; }
    public int BosId { get; private set; } = 1;
    public int EosId { get; private set; } = 2;
    public int PadId { get; private set; } = -1;
    public bool ByteFallback { get; private set; }
    public PrecompiledCharsMap CharsMap { get; private set; } = new([]);
    public bool AddDummyPrefix { get; private set; } = true;
    public bool RemoveExtraWhitespaces { get; private set; } = true;
    public bool EscapeWhitespaces { get; private set; } = true;

    public static SentencePieceModel Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new TokenizerLoadException(path, "the SentencePiece model file is missing; copy it from the model's source repository.", e);
        }
        if (bytes.Length == 0)
            throw new TokenizerLoadException(path, "the SentencePiece model file is empty; re-download it.");
        var model = new SentencePieceModel();
        try
        {
            model.Parse(new CodedInputStream(bytes));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new TokenizerLoadException(path, $"not a valid SentencePiece model ({e.Message}); re-download it.", e);
        }
        catch (InvalidDataException e)
        {
            throw new TokenizerLoadException(path, $"{e.Message} Re-download the SentencePiece model.", e);
        }
        if (model.Pieces.Count == 0)
            throw new TokenizerLoadException(path, "the SentencePiece model has no pieces; it is not a tokenizer model.");
        return model;
    }

    private void Parse(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: ReadPiece(new CodedInputStream(input.ReadBytes().ToByteArray())); break;
                case 2: ReadTrainerSpec(new CodedInputStream(input.ReadBytes().ToByteArray())); break;
                case 3: ReadNormalizerSpec(new CodedInputStream(input.ReadBytes().ToByteArray())); break;
                default: input.SkipLastField(); break;
            }
        }
    }

    private void ReadPiece(CodedInputStream input)
    {
        string piece = "";
        float score = 0;
        var type = PieceType.Normal;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: piece = input.ReadString(); break;
                case 2: score = input.ReadFloat(); break;
                case 3: type = (PieceType)input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        }
        Pieces.Add((piece, score, type));
    }

    private void ReadTrainerSpec(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 3: ModelType = input.ReadEnum(); break;
                case 35: ByteFallback = input.ReadBool(); break;
                case 40: UnkId = input.ReadInt32(); break;
                case 41: BosId = input.ReadInt32(); break;
                case 42: EosId = input.ReadInt32(); break;
                case 43: PadId = input.ReadInt32(); break;
                default: input.SkipLastField(); break;
            }
        }
    }

    private void ReadNormalizerSpec(CodedInputStream input)
    {
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 2: CharsMap = new PrecompiledCharsMap(input.ReadBytes().ToByteArray()); break;
                case 3: AddDummyPrefix = input.ReadBool(); break;
                case 4: RemoveExtraWhitespaces = input.ReadBool(); break;
                case 5: EscapeWhitespaces = input.ReadBool(); break;
                default: input.SkipLastField(); break;
            }
        }
    }
}
