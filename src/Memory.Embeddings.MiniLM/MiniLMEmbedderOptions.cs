using System.ComponentModel.DataAnnotations;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>Settings of <see cref="MiniLMEmbeddingGenerator"/>, bound from <c>Memory:Embeddings:MiniLM</c>.</summary>
public sealed class MiniLMEmbedderOptions
{
    public const string SectionName = "Memory:Embeddings:MiniLM";

    /// <summary>
    /// Inferences run at once, each on one intra-op thread: more than the cores only queues work inside ONNX Runtime,
    /// fewer leaves cores to the rest of the host. Texts of callers beyond it wait (cancellably) and share the next batches.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Memory:Embeddings:MiniLM:MaxConcurrentInferences must be between 1 and 256 (default: the number of cores).")]
    public int MaxConcurrentInferences { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// Inferences of background work (ingestion) at once. Default: one fewer than <see cref="MaxConcurrentInferences"/> (at
    /// least 1), so a search's query finds a free slot and a core is left for answering requests while ingestion runs
    /// flat out (that slot also serves, one small inference at a time, a tenant whose ingestion has only a few texts
    /// waiting, so it does not wait for a flood's batch); set it to <see cref="MaxConcurrentInferences"/> on a host that
    /// only ingests.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Memory:Embeddings:MiniLM:MaxBackgroundInferences must be between 1 and 256 (default: MaxConcurrentInferences - 1, at least 1).")]
    public int? MaxBackgroundInferences { get; set; }

    /// <summary><see cref="MaxBackgroundInferences"/>, or its default; never more than <see cref="MaxConcurrentInferences"/>.</summary>
    public int BackgroundInferences => Math.Min(MaxBackgroundInferences ?? Math.Max(1, MaxConcurrentInferences - 1), MaxConcurrentInferences);

    /// <summary>
    /// Texts per inference, taken from every caller's waiting texts (a background batch: one tenant's texts only):
    /// batching amortises the per-inference cost, and texts of similar length are batched together so padding stays small.
    /// </summary>
    [Range(1, 256, ErrorMessage = "Memory:Embeddings:MiniLM:BatchSize must be between 1 and 256 (default 32).")]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Word pieces per text, [CLS] and [SEP] included; the rest of a longer text is not embedded. The model was trained on
    /// 256 (its position table allows 512, but quality falls past what it saw in training).
    /// </summary>
    [Range(8, 512, ErrorMessage = "Memory:Embeddings:MiniLM:MaxTokens must be between 8 and 512 (default 256, the model's training length).")]
    public int MaxTokens { get; set; } = 256;

    /// <summary>
    /// Texts whose vectors are kept for reuse (least recently used out first; about 1.6 KB each): a repeated query or text
    /// skips the model. 0 turns the cache off.
    /// </summary>
    [Range(0, 1_000_000, ErrorMessage = "Memory:Embeddings:MiniLM:CacheSize must be between 0 (no cache) and 1000000 (default 4096).")]
    public int CacheSize { get; set; } = 4096;

    /// <summary>
    /// While the model loads after start-up (a few seconds), how long a request that needs an embedding (a search, a
    /// written memory) waits for it before it is answered 503 with Retry-After. Ingestion waits as long as loading takes.
    /// </summary>
    [Range(0, 600, ErrorMessage = "Memory:Embeddings:MiniLM:ModelLoadWaitSeconds must be between 0 and 600 (default 5).")]
    public int ModelLoadWaitSeconds { get; set; } = 5;
}
