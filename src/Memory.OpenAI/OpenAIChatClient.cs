using System.Text.Json;
using MemoryFunctions.Core.Llm;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using OpenAI.Chat;
using AIChatMessage = Microsoft.Extensions.AI.ChatMessage;
using AIFinishReason = Microsoft.Extensions.AI.ChatFinishReason;
using AIResponseFormat = Microsoft.Extensions.AI.ChatResponseFormat;
using SdkChatMessage = OpenAI.Chat.ChatMessage;
using SdkFinishReason = OpenAI.Chat.ChatFinishReason;
using SdkResponseFormat = OpenAI.Chat.ChatResponseFormat;

namespace MemoryFunctions.OpenAI;

/// <summary>
/// <see cref="IChatClient"/> over the OpenAI SDK's <see cref="ChatClient"/> (chat completions, which Azure OpenAI's v1
/// API and local servers all speak). Text messages only: ingestion sends no tools, images or audio.
/// </summary>
internal sealed class OpenAIChatClient(ChatClient chatClient, OpenAIConnection connection, string model, TimeProvider timeProvider, ILogger logger) : IChatClient
{
    private const string ModelSetting = "Memory:OpenAI:ChatModel";

    private readonly ChatClientMetadata _metadata = new(connection.ProviderName, connection.Endpoint ?? new Uri("https://api.openai.com/v1"), model);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<AIChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var started = timeProvider.GetTimestamp();
        ChatCompletion completion;
        try
        {
            completion = (await chatClient.CompleteChatAsync(messages.Select(ToSdk).ToList(), ToSdk(options), cancellationToken)).Value;
        }
        catch (Exception ex) when (ModelErrors.Translate(ex, "Chat completion", ModelSetting, model, connection.Options, cancellationToken) is { } translated)
        {
            Log.ModelCallFailed(logger, "chat", model, translated.StatusCode, translated.IsTransient, translated.Message);
            throw translated;
        }

        var text = string.Concat(completion.Content.Where(part => part.Kind == ChatMessageContentPartKind.Text).Select(part => part.Text));
        var usage = completion.Usage is { } u
            ? new UsageDetails { InputTokenCount = u.InputTokenCount, OutputTokenCount = u.OutputTokenCount, TotalTokenCount = u.TotalTokenCount }
            : null;
        var finishReason = ToFinishReason(completion.FinishReason);
        Log.ChatCompleted(
            logger, model, usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0, timeProvider.GetElapsedTime(started).TotalMilliseconds, finishReason.Value);

        // A refusal arrives instead of content; passing it on as text lets the caller's schema check reject it visibly.
        return new ChatResponse(new AIChatMessage(ChatRole.Assistant, text.Length > 0 ? text : completion.Refusal ?? string.Empty))
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = finishReason,
            Usage = usage,
            RawRepresentation = completion,
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<AIChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Ingestion needs whole JSON documents, never partial ones: one non-streamed call, handed out as updates.
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(ChatClient) ? chatClient
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
    }

    private static SdkChatMessage ToSdk(AIChatMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var role = message.Role;
        return role == ChatRole.System ? new SystemChatMessage(message.Text)
            : role == ChatRole.User ? new UserChatMessage(message.Text)
            : role == ChatRole.Assistant ? new AssistantChatMessage(message.Text)
            : throw new NotSupportedException($"Chat role '{role}' is not supported by {nameof(OpenAIChatClient)}: ingestion sends system, user and assistant text only.");
    }

    private static ChatCompletionOptions ToSdk(ChatOptions? options)
    {
        var result = new ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        foreach (var stop in options.StopSequences ?? [])
        {
            result.StopSequences.Add(stop);
        }

        result.ResponseFormat = options.ResponseFormat switch
        {
            // Strict: the service constrains decoding to the schema, so a schema-valid answer is guaranteed where supported.
            // Re-serialised compactly: the schema counts as prompt tokens, its indentation should not.
            ChatResponseFormatJson { Schema: { } schema } json => SdkResponseFormat.CreateJsonSchemaFormat(
                json.SchemaName ?? "response", BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(schema)), json.SchemaDescription, jsonSchemaIsStrict: true),
            ChatResponseFormatJson => SdkResponseFormat.CreateJsonObjectFormat(),
            ChatResponseFormatText => SdkResponseFormat.CreateTextFormat(),
            null => null,
            AIResponseFormat other => throw new NotSupportedException($"Response format {other.GetType().Name} is not supported."),
        };
        return result;
    }

    private static AIFinishReason ToFinishReason(SdkFinishReason reason) => reason switch
    {
        SdkFinishReason.Length => AIFinishReason.Length,
        SdkFinishReason.ContentFilter => AIFinishReason.ContentFilter,
        SdkFinishReason.ToolCalls or SdkFinishReason.FunctionCall => AIFinishReason.ToolCalls,
        _ => AIFinishReason.Stop,
    };
}
