using System.Text.Json.Nodes;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// A compiled ARM template (what <c>bicep build</c> writes) with its nested module deployments, so tests can find
/// every resource the deployment would create, wherever a module put it.
/// </summary>
public sealed class ArmTemplate(JsonObject root, string path, JsonObject? passedParameters = null, ArmTemplate? parent = null)
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    /// <summary>Where this template sits: "main", "main/api", "main/network/vnet", ...</summary>
    public string Path { get; } = path;

    public JsonObject Root { get; } = root;

    public JsonObject Parameters => Root["parameters"]?.AsObject() ?? [];

    /// <summary>
    /// What a parameter will be, as written: the value the parent module passes (possibly an ARM expression such as
    /// <c>[reference(...)]</c>, in the parent's terms), else the declared default, else null.
    /// </summary>
    public JsonNode? ParameterValue(string name) =>
        passedParameters?[name]?["value"] ?? Parameters[name]?["defaultValue"];

    /// <summary>
    /// <paramref name="node"/> with every parameter and variable reference replaced by its value under the default
    /// parameters (see <see cref="TemplateEvaluator"/>), following passed values up through the parent modules.
    /// </summary>
    public JsonNode? Evaluate(JsonNode? node) => TemplateEvaluator.Evaluate(node, this);

    internal JsonNode? ResolveParameter(string name)
    {
        if (passedParameters?[name]?["value"] is { } passed)
        {
            return parent is null ? passed.DeepClone() : parent.Evaluate(passed);
        }

        return Parameters[name]?["defaultValue"] is { } defaultValue
            ? Evaluate(defaultValue)
            : throw new InvalidOperationException($"Parameter '{name}' of {Path} has neither a passed value nor a default.");
    }

    internal JsonNode? ResolveVariable(string name) =>
        Variables[name] is { } value ? Evaluate(value) : throw new InvalidOperationException($"{Path} has no variable '{name}'.");

    public JsonObject Variables => Root["variables"]?.AsObject() ?? [];

    public JsonObject Outputs => Root["outputs"]?.AsObject() ?? [];

    /// <summary>Resources declared in this template itself (symbolic-name object or classic array alike).</summary>
    public IEnumerable<ArmResource> OwnResources => Root["resources"] switch
    {
        JsonObject byName => byName.Select(entry => new ArmResource(entry.Key, entry.Value!.AsObject(), this)),
        JsonArray list => list.Select(item => new ArmResource(item!["name"]!.ToString(), item.AsObject(), this)),
        _ => [],
    };

    /// <summary>Every resource this template and the modules below it create: no deployments, no <c>existing</c> references.</summary>
    public IEnumerable<ArmResource> AllResources =>
        OwnResources.Where(resource => resource.Type != DeploymentType && resource.Json["existing"]?.GetValue<bool>() != true)
            .Concat(Modules.SelectMany(module => module.Template.AllResources));

    /// <summary>Module deployments declared here, each with the parameters passed and the nested template.</summary>
    public IEnumerable<ArmModule> Modules => OwnResources
        .Where(resource => resource.Type == DeploymentType)
        .Select(resource => new ArmModule(
            resource.SymbolicName,
            resource.Properties["parameters"]?.AsObject() ?? [],
            new ArmTemplate(
                resource.Properties["template"]!.AsObject(),
                $"{Path}/{resource.SymbolicName}",
                resource.Properties["parameters"]?.AsObject(),
                this)));

    public static ArmTemplate Parse(string json, string path = "main") => new(JsonNode.Parse(json)!.AsObject(), path);

    public ArmModule Module(string symbolicName) =>
        Modules.SingleOrDefault(module => module.SymbolicName == symbolicName)
        ?? throw new InvalidOperationException($"{Path} has no module '{symbolicName}'; modules: {string.Join(", ", Modules.Select(m => m.SymbolicName))}.");

    public ArmResource OnlyOne(string type) =>
        AllResources.Where(resource => resource.Type.Equals(type, StringComparison.OrdinalIgnoreCase)).ToList() switch
        {
            [var one] => one,
            var many => throw new InvalidOperationException($"Expected one {type} under {Path}, found {many.Count}: {string.Join(", ", many)}."),
        };

    public IReadOnlyList<ArmResource> OfType(string type) =>
        [.. AllResources.Where(resource => resource.Type.Equals(type, StringComparison.OrdinalIgnoreCase))];
}

/// <summary>One resource: its type and API version, the template it is in, and its JSON.</summary>
public sealed record ArmResource(string SymbolicName, JsonObject Json, ArmTemplate Template)
{
    public string Type => Json["type"]!.ToString();

    public string ApiVersion => Json["apiVersion"]!.ToString();

    /// <summary>The properties object; empty when they are one expression (then read <see cref="Json"/>).</summary>
    public JsonObject Properties => Json["properties"] as JsonObject ?? [];

    public string Name => Json["name"]!.ToString();

    public override string ToString() => $"{Template.Path}/{SymbolicName} ({Type}@{ApiVersion})";
}

/// <summary>A module deployment: the parameter values passed to it (<c>{ "name": { "value": ... } }</c>) and its template.</summary>
public sealed record ArmModule(string SymbolicName, JsonObject PassedParameters, ArmTemplate Template)
{
    public JsonNode? Passed(string parameter) => PassedParameters[parameter]?["value"];
}
