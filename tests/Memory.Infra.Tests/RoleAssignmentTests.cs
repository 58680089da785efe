using System.Text.RegularExpressions;

namespace MemoryFunctions.Infra.Tests;

/// <summary>
/// Exactly the data-plane roles the app needs, granted to its identity as a ServicePrincipal, and the same plus
/// EventGrid Data Sender to the deploying principal of the detected type. Ids are Azure's built-in role ids.
/// </summary>
public sealed partial class RoleAssignmentTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string CognitiveServicesOpenAIUser = "5e0bd9bd-7b93-4f28-af87-19fc36ad61bd";
    private const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";
    private const string CosmosBuiltInDataContributor = "00000000-0000-0000-0000-000000000002";

    private static readonly string[] AppRoles =
        [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher, CognitiveServicesOpenAIUser];

    [SkippableFact]
    public void AppIdentity_GetsExactlyTheRolesTheAppUses_AsServicePrincipal()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var grants = Grants(Expressions.Parameter("appPrincipalId"));

        Assert.Equal(AppRoles.Order(), grants.Select(grant => grant.RoleId).Order());
        Assert.All(grants, grant => Assert.Equal("ServicePrincipal", grant.PrincipalType));
        Assert.Equal("[reference('identity').outputs.principalId.value]", CompiledInfra.Template.Module("rbac").Passed("appPrincipalId")?.ToString());
    }

    [SkippableFact]
    public void DeployingPrincipal_GetsTheAppsRolesAndEventGridDataSender_OfTheDetectedType()
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var grants = Grants(Expressions.Parameter("userPrincipalId"));

        Assert.Equal(AppRoles.Append(EventGridDataSender).Order(), grants.Select(grant => grant.RoleId).Order());
        Assert.All(grants, grant => Assert.Equal(Expressions.Parameter("userPrincipalType"), grant.PrincipalType));
        Assert.Equal(Expressions.Parameter("principalType"), CompiledInfra.Template.Module("rbac").Passed("userPrincipalType")?.ToString());
        Assert.Equal(Expressions.Parameter("principalId"), CompiledInfra.Template.Module("rbac").Passed("userPrincipalId")?.ToString());
    }

    [SkippableTheory]
    [InlineData("appPrincipalId")]
    [InlineData("userPrincipalId")]
    public void Cosmos_GrantsTheBuiltInDataContributorOnTheAccount(string principal)
    {
        CompiledInfra.SkipUnlessBicepRuns();
        var assignment = CompiledInfra.Template.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments")
            .Single(resource => resource.Properties["principalId"]?.ToString() == Expressions.Parameter(principal));

        Assert.Equal(
            "[format('{0}/sqlRoleDefinitions/{1}', resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName')), variables('cosmosBuiltInDataContributor'))]",
            assignment.Properties["roleDefinitionId"]?.ToString());
        Assert.Equal(CosmosBuiltInDataContributor, assignment.Template.Variables["cosmosBuiltInDataContributor"]?.ToString());
        Assert.Equal("[resourceId('Microsoft.DocumentDB/databaseAccounts', parameters('cosmosAccountName'))]", assignment.Properties["scope"]?.ToString());
    }

    [SkippableFact]
    public void Template_AssignsNoRoleOutsideTheRbacModule()
    {
        CompiledInfra.SkipUnlessBicepRuns();

        Assert.All(
            CompiledInfra.Template.OfType("Microsoft.Authorization/roleAssignments"),
            assignment => Assert.Equal("main/rbac", assignment.Template.Path));
    }

    // One grant per role a roleAssignments resource gives (a copy loop over a role list gives several).
    private static List<(string RoleId, string PrincipalType)> Grants(string principalId) =>
        [.. CompiledInfra.Template.OfType("Microsoft.Authorization/roleAssignments")
            .Where(assignment => assignment.Properties["principalId"]?.ToString() == principalId)
            .SelectMany(assignment => RoleIds(assignment).Select(roleId => (roleId, assignment.Properties["principalType"]!.ToString())))];

    private static IEnumerable<string> RoleIds(ArmResource assignment)
    {
        var match = RoleDefinition().Match(assignment.Properties["roleDefinitionId"]!.ToString());
        Assert.True(match.Success, $"{assignment}: unexpected roleDefinitionId {assignment.Properties["roleDefinitionId"]}");
        var reference = match.Groups["reference"].Value;
        if (reference.EndsWith("[copyIndex()]", StringComparison.Ordinal))
        {
            // A copy loop over a list variable: every item is one role.
            var list = assignment.Template.Evaluate($"[{reference[..^"[copyIndex()]".Length]}]")!.AsArray();
            return list.Select(role => role!.ToString());
        }

        return [assignment.Template.Evaluate($"[{reference}]")!.ToString()];
    }

    [GeneratedRegex(@"^\[subscriptionResourceId\('Microsoft.Authorization/roleDefinitions', (?<reference>.+)\)\]$")]
    private static partial Regex RoleDefinition();
}
