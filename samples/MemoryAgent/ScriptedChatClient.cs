using Microsoft.Extensions.AI;

namespace MemoryFunctions.Samples.MemoryAgent;

/// <summary>
/// Stands in for a real model so the sample runs anywhere: it records every prompt it is sent (so you can see what the
/// memory provider put there) and answers from <see cref="Answer"/>. Swap in any IChatClient (Azure OpenAI, Ollama)
/// for a real agent: nothing else changes.
/// </summary>
internal sealed class ScriptedChatClient(Func<IReadOnlyList<ChatMessage>, string> answer) : IChatClient
{
    private readonly List<IReadOnlyList<ChatMessage>> _prompts = [];

    public Func<IReadOnlyList<ChatMessage>, string> Answer { get; } = answer;

    /// <summary>Every prompt sent so far, oldest first, each as the full message list the model saw.</summary>
    public IReadOnlyList<IReadOnlyList<ChatMessage>> Prompts
    {
        get
        {
            lock (_prompts)
            {
                return [.. _prompts];
            }
        }
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var prompt = messages.ToList();
        if (options?.Instructions is { } instructions)
        {
            prompt.Insert(0, new ChatMessage(ChatRole.System, instructions));
        }

        lock (_prompts)
        {
            _prompts.Add(prompt);
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Answer(prompt))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType?.IsInstanceOfType(this) is true ? this : null;

    public void Dispose()
    {
    }
}
