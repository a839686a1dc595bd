using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Souk.Web.Data;

namespace Souk.Web.Common;

/// <summary>
/// The Idempotency-Key header of money-moving and order-creating routes (IETF draft "The Idempotency-Key HTTP Header Field").
/// The filter runs the endpoint inside one database transaction that first claims (user, operation, key) in
/// <see cref="IdempotencyRecord"/> and finally stores the answer there, so the answer commits with its effect:
/// <list type="bullet">
/// <item>a repeat with the same key and body gets the first answer again (header Idempotent-Replayed: true) and moves nothing;</item>
/// <item>the same key with a different body is 422;</item>
/// <item>two requests with one key at the same moment: the second waits for the first (PostgreSQL: on the claimed key's index
/// entry; SQLite: the IMMEDIATE transaction) and then gets its answer;</item>
/// <item>an error answer (4xx, 5xx) rolls everything back and is not remembered: retrying it runs again.</item>
/// </list>
/// Endpoints under this filter begin their transactions with <see cref="TransactionExtensions.BeginOrJoinTransactionAsync"/>,
/// and push real-time messages only after the response (HttpResponse.OnCompleted), when the transaction has committed.
/// </summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>Requires an Idempotency-Key header on this endpoint; <paramref name="operation"/> scopes the keys.</summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder, string operation) =>
        builder.AddEndpointFilter(new IdempotencyFilter(operation))
            .WithMetadata(new IdempotencyKeyMetadata(operation))
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    /// <summary>
    /// Lets an endpoint under the filter store its success answer early, with a save it makes anyway before it writes the rows
    /// every such request contends for (a hot SKU's stock): then the filter's final save finds nothing changed and costs no
    /// round trip while those rows are locked. Should the endpoint fail after all, the rollback takes this answer with it.
    /// Outside the filter (page forms) it does nothing.
    /// </summary>
    public static void AnswerEarly(HttpContext? http, int status, object value)
    {
        if (http?.Items[typeof(IdempotencyRecord)] is not IdempotencyRecord record) return;
        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        record.StatusCode = status;
        record.ResponseJson = JsonSerializer.Serialize(value, value.GetType(), json);
    }

    /// <summary>Hex SHA-256 of the endpoint's request records (types named *Request) and route values.</summary>
    internal static string RequestHash(EndpointFilterInvocationContext ctx, JsonSerializerOptions json)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, value) in ctx.HttpContext.Request.RouteValues.OrderBy(r => r.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{name}={value}\n"));
        foreach (var arg in ctx.Arguments)
        {
            if (arg is null || arg.GetType().Namespace?.StartsWith("Souk.", StringComparison.Ordinal) != true
                || !arg.GetType().Name.EndsWith("Request", StringComparison.Ordinal)) continue;
            hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(arg, arg.GetType(), json));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>Marks an endpoint as taking the Idempotency-Key header (the OpenAPI transformer documents it).</summary>
public sealed record IdempotencyKeyMetadata(string Operation);

sealed class IdempotencyFilter(string operation) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        var ct = http.RequestAborted;
        var key = http.Request.Headers[Idempotency.Header].ToString().Trim();
        if (key.Length == 0)
            return Problems.Field(Idempotency.Header, $"Send an {Idempotency.Header} header (a unique value per intended operation, e.g. a UUID) so a retry never repeats it.");
        if (key.Length > IdempotencyRecordConfiguration.KeyMax)
            return Problems.Field(Idempotency.Header, $"The {Idempotency.Header} header may be at most {IdempotencyRecordConfiguration.KeyMax} characters.");
        if (http.RequestServices.GetRequiredService<CurrentUser>().Id is not { } userId) return TypedResults.Unauthorized();

        var json = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var hash = Idempotency.RequestHash(ctx, json);
        var db = http.RequestServices.GetRequiredService<SoukDb>();

        if (await FindAsync(db, userId, key, ct) is { } earlier) return Replay(http, earlier, hash);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = new IdempotencyRecord
        {
            UserId = userId, Operation = operation, Key = key, RequestHash = hash,
            CreatedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        db.IdempotencyRecords.Add(record);
        try
        {
            // Claimed first: a concurrent request with this key waits here until the first one commits, then fails.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return await FindAsync(db, userId, key, ct) is { } first ? Replay(http, first, hash)
                : Problems.Conflict($"A request with this {Idempotency.Header} is still running; retry in a moment.");
        }

        http.Items[typeof(IdempotencyRecord)] = record;
        var result = await next(ctx);
        // A Results<A, B> union wraps the result the endpoint chose.
        var chosen = result;
        while (chosen is INestedHttpResult nested) chosen = nested.Result;
        if (chosen is not IStatusCodeHttpResult { StatusCode: >= 200 and < 300 and var status })
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return result;
        }
        record.StatusCode = status;
        record.ResponseJson = chosen is IValueHttpResult { Value: { } value } ? JsonSerializer.Serialize(value, value.GetType(), json) : "";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return result;
    }

    Task<IdempotencyRecord?> FindAsync(SoukDb db, Guid userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Operation == operation && r.Key == key, ct);

    static IResult Replay(HttpContext http, IdempotencyRecord earlier, string hash)
    {
        if (earlier.RequestHash != hash)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: $"This {Idempotency.Header} was already used with a different request. Use a new key for a new operation.");
        http.Response.Headers[Idempotency.ReplayedHeader] = "true";
        return earlier.ResponseJson.Length == 0
            ? TypedResults.StatusCode(earlier.StatusCode)
            : TypedResults.Content(earlier.ResponseJson, "application/json", Encoding.UTF8, earlier.StatusCode);
    }
}

/// <summary>
/// The page forms' equivalent of the Idempotency-Key header: a form carries a one-time token (rendered with the form), and
/// the post claims it in the same transaction as its effect. A second post of the same form (a double tap, a reload)
/// finds it claimed and does nothing. The claim is an INSERT that ignores a conflict, so two posts at once cannot both win.
/// </summary>
public static class FormOnce
{
    /// <summary>A new token for a form.</summary>
    public static string NewToken() => Guid.NewGuid().ToString("N");

    /// <summary>Claims the token inside the current transaction; false when this form was submitted before.</summary>
    public static async Task<bool> ClaimAsync(SoukDb db, Guid userId, string operation, string? token, DateTime now, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Claim a form token inside the transaction of its effect.");
        if (string.IsNullOrWhiteSpace(token) || token.Length > IdempotencyRecordConfiguration.KeyMax) return false;
        var form = "form";
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "IdempotencyRecords" ("UserId", "Operation", "Key", "RequestHash", "StatusCode", "ResponseJson", "CreatedAt")
            VALUES ({userId}, {operation}, {token}, {form}, 200, '', {now})
            ON CONFLICT DO NOTHING
            """, ct);
        return claimed == 1;
    }
}
