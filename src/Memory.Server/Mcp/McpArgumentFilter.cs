using System.Text.Json;
using MemoryFunctions.Core.Embeddings;
using MemoryFunctions.Http.Problems;
using MemoryFunctions.Server.Diagnostics;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace MemoryFunctions.Server.Mcp;

/// <summary>
/// A tool-call filter for what the model gets wrong: arguments are checked against the tool's own input schema first
/// (an unknown name, a missing required one, a wrong JSON type each get an answer naming the argument and the type it
/// needs, where the SDK's binder says only "An error occurred invoking"), and a refusal from the REST handler underneath
/// (<see cref="McpException"/>: unknown id, out of scope, invalid value) becomes a tool error with its detail, logged as a
/// warning without a stack trace: the caller's mistake, not the server's fault. An embedder that cannot serve yet (the model
/// still loading) becomes a tool error that says when to call again.
/// </summary>
internal static class McpArgumentFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var tool = context.Params?.Name ?? "(none)";
            var logger = context.Services?.GetService<ILogger<McpServerTool>>();
            var problem = context.MatchedPrimitive is McpServerTool matched ? Check(matched.ProtocolTool.InputSchema, context.Params?.Arguments) : null;
            if (problem is null)
            {
                try
                {
                    return await next(context, cancellationToken);
                }
                catch (McpException refused)
                {
                    problem = refused.Message;
                }
                catch (EmbedderUnavailableException unavailable)
                {
                    // REST says this with 503 + Retry-After; a tool result has no header, so the hint goes in the text.
                    problem = $"{unavailable.Message} Retry this call in {RetryAfter.WholeSeconds(unavailable.RetryAfter)} s.";
                }
            }

            if (logger is not null)
            {
                Log.ToolRefused(logger, tool, problem);
            }

            return new CallToolResult { IsError = true, Content = [new TextContentBlock { Text = problem }] };
        };

    /// <summary>Null when the arguments fit the schema's names, required list and JSON types; else what to change.</summary>
    internal static string? Check(JsonElement schema, IDictionary<string, JsonElement>? arguments)
    {
        var properties = schema.TryGetProperty("properties", out var declared) ? declared : default;
        var known = properties.ValueKind == JsonValueKind.Object ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal) : [];
        arguments ??= new Dictionary<string, JsonElement>();
        foreach (var (name, value) in arguments)
        {
            if (!known.TryGetValue(name, out var property))
            {
                return $"Unknown argument '{name}'. This tool takes: {string.Join(", ", known.Select(p => $"{p.Key} ({TypeName(p.Value)})"))}.";
            }

            if (!Fits(property, value))
            {
                return $"Argument '{name}' must be {TypeName(property)}; it was {Describe(value.ValueKind)}.";
            }
        }

        if (schema.TryGetProperty("required", out var required) && required.ValueKind == JsonValueKind.Array)
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!arguments.ContainsKey(name))
                {
                    return $"Argument '{name}' is required: {TypeName(known[name])}.";
                }
            }
        }

        return null;
    }

    private static bool Fits(JsonElement property, JsonElement value)
    {
        var types = Types(property);
        return types.Count == 0 || types.Any(type => type switch
        {
            "string" => value.ValueKind == JsonValueKind.String,
            "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            "number" => value.ValueKind == JsonValueKind.Number,
            "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            "null" => value.ValueKind == JsonValueKind.Null,
            "object" => value.ValueKind == JsonValueKind.Object,
            "array" => value.ValueKind == JsonValueKind.Array && ItemsFit(property, value),
            _ => true,
        });
    }

    private static bool ItemsFit(JsonElement property, JsonElement array) =>
        !property.TryGetProperty("items", out var items) || array.EnumerateArray().All(item => Fits(items, item));

    private static List<string> Types(JsonElement property) =>
        !property.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)]
        : [type.GetString()!];

    private static string TypeName(JsonElement property)
    {
        var types = Types(property).Where(t => t != "null").ToList();
        var name = types is ["array"] && property.TryGetProperty("items", out var items) ? $"an array of {TypeName(items)} values" : string.Join(" or ", types.DefaultIfEmpty("any value"));
        return Types(property).Contains("null") ? name + " (optional)" : name;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
