using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
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

    private static async Task<Results<Ok<object>, NotFound>> PutAsync(string section, JsonElement body, IGrainFactory grains, HttpContext http, IOptions<JsonOptions> json)
    {
        if (!Sections.Contains(section))
        {
            return TypedResults.NotFound();
        }

        var options = json.Value.SerializerOptions;
        var actor = CallerAccess.From(http.User).Actor;
        var rules = Book(grains);
        var book = section switch
        {
            "allocation" => await rules.PutAllocationAsync(Read<AllocationRules>(body, options), actor),
            "exceptions" => await rules.PutExceptionsAsync(Read<ExceptionRules>(body, options), actor),
            "approval" => await rules.PutApprovalAsync(Read<ApprovalRules>(body, options), actor),
            _ => await rules.PutSlaAsync(Read<SlaRules>(body, options), actor),
        };
        return TypedResults.Ok(Section(book, section));
    }

    private static T Read<T>(JsonElement body, JsonSerializerOptions options)
        where T : class
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["body"] = ["must be a JSON object"] });
        }

        // JsonException (wrong type somewhere) carries the path and becomes a 400 naming the field.
        return body.Deserialize<T>(options) ?? throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["body"] = ["is required"] });
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
