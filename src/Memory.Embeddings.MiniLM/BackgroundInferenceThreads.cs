using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace MemoryFunctions.Embeddings.MiniLM;

/// <summary>
/// Dedicated threads for a flood's inferences (a background owner's batch that is not light: <see cref="InferenceBatcher"/>),
/// which the kernel runs after every ordinary thread of the machine: nice 10 on Linux (a thread's nice value is its own
/// there). An inference holds a core for tens to hundreds of milliseconds; at the same priority as the request threads,
/// another tenant's one-turn ingestion and searches wait for a core behind it (issue 25, symptom 5). Niced, it takes
/// whatever CPU nothing else wants, so a flood alone still runs at full speed.
/// </summary>
/// <remarks>
/// Dedicated, not pool threads: an unprivileged process cannot lower a thread's nice value again, so a pool thread niced
/// for one inference would stay niced for everything it ran afterwards. Elsewhere than Linux the threads only ask for
/// <see cref="ThreadPriority.Lowest"/>.
/// </remarks>
internal sealed partial class BackgroundInferenceThreads : IDisposable
{
    /// <summary>The nice value of the threads (0 is normal, 19 the lowest priority).</summary>
    internal const int Niceness = 10;

    private readonly BlockingCollection<Work> _work = [];
    private readonly Thread[] _threads;

    public BackgroundInferenceThreads(int count)
    {
        _threads = [.. Enumerable.Range(0, count).Select(i => new Thread(Serve) { IsBackground = true, Name = $"MiniLM background inference {i}", Priority = ThreadPriority.Lowest })];
        Array.ForEach(_threads, thread => thread.Start());
    }

    /// <summary>Runs <paramref name="infer"/> on one of the threads and waits for it (the caller's thread idles meanwhile).</summary>
    public float[][] Run(Func<float[][]> infer)
    {
        using var work = new Work(infer);
        _work.Add(work);
        work.Done.Wait();
        if (work.Failure is { } failure)
        {
            ExceptionDispatchInfo.Throw(failure);
        }

        return work.Result!;
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        Array.ForEach(_threads, thread => thread.Join());
        _work.Dispose();
    }

    private void Serve()
    {
        Lower();
        foreach (var work in _work.GetConsumingEnumerable())
        {
            work.Execute();
        }
    }

    private static void Lower()
    {
        if (OperatingSystem.IsLinux())
        {
            // Best effort: a refusal (a seccomp profile, say) leaves the thread at normal priority, as before.
            _ = SetPriority(ProcessScope, GetThreadId(), Niceness);
        }
    }

    private const int ProcessScope = 0;

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();

    private sealed class Work(Func<float[][]> infer) : IDisposable
    {
        public ManualResetEventSlim Done { get; } = new();

        public float[][]? Result { get; private set; }

        public Exception? Failure { get; private set; }

        public void Execute()
        {
            try
            {
                Result = infer();
            }
#pragma warning disable CA1031 // Handed to the waiting caller, whose inference it was.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Failure = exception;
            }
            finally
            {
                Done.Set();
            }
        }

        public void Dispose() => Done.Dispose();
    }
}
