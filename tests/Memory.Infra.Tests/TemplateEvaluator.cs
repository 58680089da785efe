using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// Evaluates the few ARM expression shapes Bicep emits where this template reads parameters, variables and the
/// loaded container definition: <c>[parameters('p').a.b]</c>, <c>[variables('v').a.b]</c> and a <c>map</c> that wraps
/// each item in a one-property object. Any other expression fails the test that met it rather than being guessed.
/// </summary>
internal static partial class TemplateEvaluator
{
    public static JsonNode? Evaluate(JsonNode? node, ArmTemplate template) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(entry => KeyValuePair.Create(entry.Key, Evaluate(entry.Value, template)))),
        JsonArray array => new JsonArray([.. array.Select(item => Evaluate(item, template))]),
        JsonValue value when value.TryGetValue<string>(out var text) && text.StartsWith('[') && !text.StartsWith("[[", StringComparison.Ordinal) =>
            EvaluateExpression(text, template),
        _ => node?.DeepClone(),
    };

    private static JsonNode? EvaluateExpression(string expression, ArmTemplate template)
    {
        if (Reference().Match(expression) is { Success: true } reference)
        {
            var root = reference.Groups["kind"].Value == "parameters"
                ? template.ResolveParameter(reference.Groups["name"].Value)
                : template.ResolveVariable(reference.Groups["name"].Value);
            return Navigate(root, reference.Groups["path"].Value, expression);
        }

        if (WrapEach().Match(expression) is { Success: true } map)
        {
            var items = Navigate(template.ResolveVariable(map.Groups["name"].Value), map.Groups["path"].Value, expression)!.AsArray();
            return new JsonArray([.. items.Select(item => new JsonObject { [map.Groups["property"].Value] = item?.DeepClone() })]);
        }

        throw new NotSupportedException($"{template.Path}: the test evaluator does not understand {expression}.");
    }

    private static JsonNode? Navigate(JsonNode? node, string path, string expression)
    {
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?[segment] ?? throw new InvalidOperationException($"{expression}: no '{segment}'.");
        }

        return node?.DeepClone();
    }

    [GeneratedRegex(@"^\[(?<kind>parameters|variables)\('(?<name>[^']+)'\)(?<path>(\.\w+)*)\]$")]
    private static partial Regex Reference();

    // [map(variables('v').a, lambda('x', createObject('path', lambdaVariables('x'))))]
    [GeneratedRegex(@"^\[map\(variables\('(?<name>[^']+)'\)(?<path>(\.\w+)*), lambda\('(?<item>\w+)', createObject\('(?<property>\w+)', lambdaVariables\('\k<item>'\)\)\)\)\]$")]
    private static partial Regex WrapEach();
}
