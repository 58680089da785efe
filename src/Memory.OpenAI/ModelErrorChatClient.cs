using MemoryFunctions.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// Turns the OpenAI SDK's failures into <see cref="ModelCallException"/>s that name the setting to check, so the workflow
/// can tell a configuration error from throttling. Sits inside the SDK pipeline's retries: what arrives here is final.
/// </summary>
internal sealed class ModelErrorChatClient(IChatClient innerClient, OpenAIModelOptions modelOptions, string model, ILogger logger) : DelegatingChatClient(innerClient)
{
    private const string ModelSetting = "Memory:OpenAI:ChatModel";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        // Ingestion needs whole JSON documents, never partial ones: one non-streamed call, handed out as updates.
        StreamWholeResponseAsync(messages, options, cancellationToken);

    private async IAsyncEnumerable<ChatResponseUpdate> StreamWholeResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    private ModelCallException? Translate(Exception exception, CancellationToken cancellationToken)
    {
        var translated = ModelErrors.Translate(exception, "Chat completion", ModelSetting, model, modelOptions, cancellationToken);
        if (translated is not null)
        {
            Log.ModelCallFailed(logger, "chat", model, translated.StatusCode, translated.IsTransient, translated.Message);
        }

        return translated;
    }
}
