using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Rules;
using OrderActors.Runtime;

namespace OrderActors.Api.Rules;

/// <summary>
/// <c>/api/rules/{allocation|exceptions|approval|sla}</c>: read (any role) and replace (admin) one versioned section of the
/// rule book. The rules grain validates the whole section and rejects it whole, naming the failing field.
/// </summary>
public static class RuleEndpoints
{
    private static readonly string[] Sections = ["allocation", "exceptions", "approval", "sla"];

    public static RouteGroupBuilder MapRules(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/rules").WithTags("Rules").RequireRoles(ApiRoles.All.ToArray());
        rules.MapGet("/", async (IGrainFactory grains) => TypedResults.Ok(await Book(grains).GetAsync()));
        rules.MapGet("/{section}", GetAsync);
        rules.MapPut("/{section}", PutAsync).RequireRoles();
        return rules;
    }

    private static async Task<Results<Ok<object>, NotFound>> GetAsync(string section, IGrainFactory grains)
    {
        if (!Sections.Contains(section))
        {
            return TypedResults.NotFound();
        }

        var book = await Book(grains).GetAsync();
        return TypedResults.Ok(Section(book, section));
    }

    private static async Task<Results<Ok<object>, NotFound>> PutAsync(string section, JsonElement body, IGrainFactory grains, HttpContext http, RuleSectionReader reader)
    {
        if (!Sections.Contains(section))
        {
            return TypedResults.NotFound();
        }

        var actor = CallerAccess.From(http.User).Actor;
        var rules = Book(grains);
        var book = section switch
        {
            "allocation" => await rules.PutAllocationAsync(reader.Read<AllocationRules>(body), actor),
            "exceptions" => await rules.PutExceptionsAsync(reader.Read<ExceptionRules>(body), actor),
            "approval" => await rules.PutApprovalAsync(reader.Read<ApprovalRules>(body), actor),
            _ => await rules.PutSlaAsync(reader.Read<SlaRules>(body), actor),
        };
        return TypedResults.Ok(Section(book, section));
    }

    private static object Section(RuleBook book, string section) => section switch
    {
        "allocation" => book.Allocation,
        "exceptions" => book.Exceptions,
        "approval" => book.Approval,
        _ => book.Sla,
    };

    private static IRulesGrain Book(IGrainFactory grains) => grains.GetGrain<IRulesGrain>(RuleBook.DefaultKey);
}
