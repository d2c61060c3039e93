using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>Two admins revoking each other's key, the only two admin keys, at the same moment: one admin key stays.</summary>
public sealed class ApiKeyRevokeRaceTests
{
    private const int Rounds = 30;

    /// <summary>
    /// Each round starts with one admin key, creates a second, and sends both revocations at once (each key revokes the
    /// other). Before the fix both found the other key remaining and both succeeded, in the first round or so. The test
    /// fails if both succeed or both are refused, and if the keys listed afterwards are not exactly the one left.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task RevokeKey_TwoAdminsRevokeTheOnlyTwoAdminKeysAtOnce_OneSucceedsAndTheOtherIs409(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var remaining = (Id: "bootstrap", Key: ApiTestHost.AdminKey);
        for (var round = 0; round < Rounds; round++)
        {
            var first = host.WithKey(remaining.Key);
            var created = (await (await first.PostAsJsonAsync("/api/keys", new CreateApiKeyRequest($"admin {round}", [ApiRoles.Admin]))).Content.ReadFromJsonAsync<ApiKeyCreated>())!;
            var second = host.WithKey(created.Key);
            var firstId = remaining.Id;
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var byFirst = Task.Run(async () => { await gate.Task; return await first.DeleteAsync($"/api/keys/{created.Id}"); });
            var bySecond = Task.Run(async () => { await gate.Task; return await second.DeleteAsync($"/api/keys/{firstId}"); });

            gate.SetResult();
            var answers = await Task.WhenAll(byFirst, bySecond);

            // One revocation succeeds. The other is refused as the last admin (409), or, when the first had already
            // finished before it was authenticated, its own key is gone (401): it never ran. Either way one admin stays.
            Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
            var refused = answers.Single(a => a.StatusCode != HttpStatusCode.NoContent);
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Unauthorized });
            if (refused.StatusCode == HttpStatusCode.Conflict)
            {
                Assert.Equal("keys.last_admin", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
            }

            remaining = answers[0].StatusCode == HttpStatusCode.NoContent ? remaining : (created.Id, created.Key);
            var keys = (await host.WithKey(remaining.Key).GetFromJsonAsync<List<ApiKeyView>>("/api/keys"))!;
            Assert.Equal([remaining.Id], keys.Where(k => k.Roles.Contains(ApiRoles.Admin)).Select(k => k.Id));
        }
    }
}
