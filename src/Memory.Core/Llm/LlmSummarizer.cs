using System.Globalization;
using System.Text;
using MemoryFunctions.Core.Context;
using MemoryFunctions.Core.Diagnostics;
using MemoryFunctions.Core.Ingestion;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MemoryFunctions.Core.Llm;

/// <summary>
/// Updates a session summary or user profile incrementally (prompt <c>summarize.v1</c>): the previous summary plus only
/// the new content, so the cost of an update does not grow with the length of the session. The answer is held to
/// <see cref="SummaryRequest.MaxTokens"/> (estimated as characters / 4) by cutting at a sentence boundary if the model overshoots.
/// </summary>
public sealed class LlmSummarizer(IChatClient chatClient, ILogger<LlmSummarizer> logger) : ISummarizer
{
    // The JSON envelope ({"summary": "..."}) and escapes cost a few tokens on top of the summary itself.
    private const int EnvelopeTokens = 64;

    public async Task<SummaryResult> SummarizeAsync(SummaryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxTokens, 1);
        if (request.NewContent.Count == 0)
        {
            return new SummaryResult(request.PreviousSummary ?? string.Empty, Operations.TokenUsage.None);
        }

        var response = await StructuredChat.GetAsync<SummaryOutput>(
            chatClient,
            PromptLibrary.Summarize,
            BuildUserMessage(request),
            new ChatOptions { MaxOutputTokens = request.MaxTokens + EnvelopeTokens },
            logger,
            cancellationToken: cancellationToken);

        return new SummaryResult(Fit(response.Value.Summary.Trim(), request, logger), response.Usage);
    }

    internal static string BuildUserMessage(SummaryRequest request)
    {
        var builder = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Subject: {(request.Subject == SummarySubject.Session ? "session summary" : "user profile")}\n")
            .Append(CultureInfo.InvariantCulture, $"Token budget: at most {request.MaxTokens} tokens (about {request.MaxTokens * 4} characters)\n\n")
            .Append("Previous summary:\n")
            .Append(string.IsNullOrWhiteSpace(request.PreviousSummary) ? "(none)" : request.PreviousSummary.Trim())
            .Append("\n\nNew content:\n");
        foreach (var line in request.NewContent)
        {
            builder.Append("- ").Append(line.Trim()).Append('\n');
        }

        return builder.ToString();
    }

    private static string Fit(string summary, SummaryRequest request, ILogger logger)
    {
        if (TokenEstimator.Estimate(summary) <= request.MaxTokens)
        {
            return summary;
        }

        Log.SummaryTruncated(logger, request.Subject.ToString(), request.MaxTokens);
        var cut = summary[..(request.MaxTokens * 4)];
        var boundary = cut.LastIndexOfAny(['.', '\n', '!', '?']);
        return (boundary > cut.Length / 2 ? cut[..(boundary + 1)] : cut).TrimEnd();
    }
}
