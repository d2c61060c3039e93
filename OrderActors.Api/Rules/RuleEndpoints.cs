using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Rules;
using OrderActors.Runtime;

namespace OrderActors.Api.Rules;

/// <summary>
/// <c>/api/rules/{allocation|exceptions|approval|sla}</c>: read (any role) and replace (admin) one versioned section of the
/// rule book. The rules grain validates the whole section and rejects it whole, naming the failing field. A section's
/// read gives its version (the rule-book version at which it last changed) as its <c>ETag</c>; a replacement sent with
/// <c>If-Match</c> is made only while the section is still at that version (else 412 <c>rules.changed</c>, nothing
/// changed), so two operators editing the same section cannot overwrite each other unseen.
/// </summary>
public static class RuleEndpoints
{
    private static readonly string[] Sections = ["allocation", "exceptions", "approval", "sla"];

    public static RouteGroupBuilder MapRules(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/rules").WithTags("Rules").RequireRoles(ApiRoles.All.ToArray());
        rules.MapGet("/", async (IGrainFactory grains) => TypedResults.Ok(await Book(grains).GetAsync()));
        rules.MapGet("/{section}", GetAsync);
        rules.MapPut("/{section}", PutAsync).RequireRoles().ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return rules;
    }

    private static async Task<Results<Ok<object>, NotFound>> GetAsync(string section, IGrainFactory grains, HttpContext http)
    {
        if (!Sections.Contains(section))
        {
            return TypedResults.NotFound();
        }

        var book = await Book(grains).GetAsync();
        http.Response.Headers.ETag = VersionPrecondition.ETag(Version(book, section));
        return TypedResults.Ok(Section(book, section));
    }

    private static async Task<Results<Ok<object>, NotFound>> PutAsync(string section, JsonElement body, IGrainFactory grains, HttpContext http, RuleSectionReader reader)
    {
        if (!Sections.Contains(section))
        {
            return TypedResults.NotFound();
        }

        var actor = CallerAccess.From(http.User).Actor;
        var expected = VersionPrecondition.Expected<long>(http.Request, "rules.changed", $"the {section} rules");
        var rules = Book(grains);
        var book = section switch
        {
            "allocation" => await rules.PutAllocationAsync(reader.Read<AllocationRules>(body), actor, expected),
            "exceptions" => await rules.PutExceptionsAsync(Checked(reader.Read<ExceptionRules>(body)), actor, expected),
            "approval" => await rules.PutApprovalAsync(Checked(reader.Read<ApprovalRules>(body)), actor, expected),
            _ => await rules.PutSlaAsync(reader.Read<SlaRules>(body), actor, expected),
        };
        http.Response.Headers.ETag = VersionPrecondition.ETag(Version(book, section));
        return TypedResults.Ok(Section(book, section));
    }

    private static ExceptionRules Checked(ExceptionRules rules)
    {
        RuleAmounts.Check(rules);
        return rules;
    }

    private static ApprovalRules Checked(ApprovalRules rules)
    {
        RuleAmounts.Check(rules);
        return rules;
    }

    private static object Section(RuleBook book, string section) => section switch
    {
        "allocation" => book.Allocation,
        "exceptions" => book.Exceptions,
        "approval" => book.Approval,
        _ => book.Sla,
    };

    private static long Version(RuleBook book, string section) => section switch
    {
        "allocation" => book.Allocation.Version,
        "exceptions" => book.Exceptions.Version,
        "approval" => book.Approval.Version,
        _ => book.Sla.Version,
    };

    private static IRulesGrain Book(IGrainFactory grains) => grains.GetGrain<IRulesGrain>(RuleBook.DefaultKey);
}
