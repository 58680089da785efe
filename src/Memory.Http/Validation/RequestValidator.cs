using MemoryFunctions.Http.Contracts;

namespace MemoryFunctions.Http.Validation;

/// <summary>Validates request bodies against <see cref="MemoryHttpOptions"/>; an empty result means valid.</summary>
public static class RequestValidator
{
    public static Dictionary<string, string[]> Validate(CreateMemoryRequest request, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new ValidationErrors();
        FieldRules.RequiredText(errors, "text", request.Text, limits.MaxTextLength);
        FieldRules.OptionalId(errors, "agentId", request.AgentId);
        FieldRules.OptionalId(errors, "sessionId", request.SessionId);
        FieldRules.Tags(errors, "tags", request.Tags, limits);
        FieldRules.Metadata(errors, "metadata", request.Metadata, limits);
        FieldRules.Range(errors, "confidence", request.Confidence, 0.0, 1.0);
        FieldRules.Range(errors, "importance", request.Importance, 0.0, 1.0);
        FieldRules.Before(errors, "validFrom", request.ValidFrom, "expiresAt", request.ExpiresAt);
        return errors.ToDictionary();
    }

    /// <summary>Metadata only: the turns themselves follow the conversation-event rules shared with Event Grid.</summary>
    public static Dictionary<string, string[]> Validate(SubmitMessagesRequest request, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new ValidationErrors();
        FieldRules.Metadata(errors, "metadata", request.Metadata, limits);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(UpdateMemoryRequest request, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new ValidationErrors();
        if (request == new UpdateMemoryRequest())
        {
            errors.Add("body", "The body changes nothing; send at least one of text, kind, metadata, tags, confidence, importance, expiresAt or validTo.");
        }

        FieldRules.OptionalText(errors, "text", request.Text, limits.MaxTextLength);
        FieldRules.Tags(errors, "tags", request.Tags, limits);
        FieldRules.Metadata(errors, "metadata", request.Metadata, limits);
        FieldRules.Range(errors, "confidence", request.Confidence, 0.0, 1.0);
        FieldRules.Range(errors, "importance", request.Importance, 0.0, 1.0);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(SearchMemoriesRequest request, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new ValidationErrors();
        FieldRules.RequiredText(errors, "query", request.Query, limits.MaxQueryLength);
        FieldRules.Range(errors, "topK", request.TopK, 1, limits.MaxTopK);
        FieldRules.Range(errors, "minScore", request.MinScore, 0.0, 1.0);
        ValidateFilter(errors, request, limits);
        return errors.ToDictionary();
    }

    public static Dictionary<string, string[]> Validate(BuildContextRequest request, MemoryHttpOptions limits)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new ValidationErrors();
        FieldRules.RequiredText(errors, "query", request.Query, limits.MaxQueryLength);
        FieldRules.Range(errors, "maxTokens", request.MaxTokens, limits.MinContextTokens, limits.MaxContextTokens);
        FieldRules.Range(errors, "maxMemories", request.MaxMemories, 1, limits.MaxTopK);
        FieldRules.OptionalId(errors, "restrictToSessionId", request.RestrictToSessionId);
        ValidateFilter(errors, request, limits);
        return errors.ToDictionary();
    }

    private static void ValidateFilter(ValidationErrors errors, MemoryFilterFields filter, MemoryHttpOptions limits)
    {
        FieldRules.OptionalId(errors, "agentId", filter.AgentId);
        FieldRules.OptionalId(errors, "sessionId", filter.SessionId);
        FieldRules.Tags(errors, "tags", filter.Tags, limits);
        FieldRules.Metadata(errors, "metadata", filter.Metadata, limits);
        FieldRules.Before(errors, "createdFrom", filter.CreatedFrom, "createdTo", filter.CreatedTo);
    }
}
