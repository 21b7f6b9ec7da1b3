using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Entry.Shared.Entries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entry.Client.Tests.Sending;

/// <summary>How the scripted server answers one send.</summary>
public enum Answer
{
    /// <summary>201 with the stored case's counts.</summary>
    Stored,
    /// <summary>409 problem details: the entry number is taken.</summary>
    Conflict,
    /// <summary>503 problem details.</summary>
    Unavailable,
    /// <summary>The connection is cut before any answer: the client sees the server as unreachable.</summary>
    Drop,
    /// <summary>401: the session ended.</summary>
    Unauthorized,
    /// <summary>No answer for a minute: the form stops waiting long before.</summary>
    Hang,
    /// <summary>412 problem details: the correction's If-Match is not the case's version.</summary>
    Stale,
}

/// <summary>
/// A Kestrel on 127.0.0.1 (a free port) standing in for the server's case and skip endpoints: it answers each send with the
/// next answer of its script (<see cref="Answer.Stored"/> once the script is used up) and records the id of every body sent.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _script;
    private readonly ConcurrentQueue<(string Path, Guid Id)> _received = new();
    private readonly ConcurrentQueue<string?> _typedAt = new();

    private ScriptedServer(WebApplication app, IEnumerable<Answer> script)
    {
        _app = app;
        _script = new ConcurrentQueue<Answer>(script);
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Every send in the order it arrived: the path and the id of its body.</summary>
    public IReadOnlyList<(string Path, Guid Id)> Received => [.. _received];

    /// <summary>The typedAt of every body sent, as the JSON held it, in the order they arrived.</summary>
    public IReadOnlyList<string?> TypedAt => [.. _typedAt];

    public static async Task<ScriptedServer> StartAsync(params Answer[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var server = new ScriptedServer(builder.Build(), script);
        server._app.MapPost("/api/entries", server.AnswerAsync);
        server._app.MapPost("/api/entries/skip", server.AnswerAsync);
        server._app.MapPut("/api/entries/{id:guid}", server.AnswerAsync);
        server._app.MapGet("/api/entries/{id:guid}", (Guid id) => server.Stored is { } stored && stored.Id == id ? Results.Json(stored) : Results.NotFound());
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(address + "/");
        return server;
    }

    /// <summary>What <c>GET /api/entries/{id}</c> answers: the case as the server holds it.</summary>
    public CaseEntryDetails? Stored { get; set; }

    /// <summary>The client's API over a real HttpClient pointed at this server.</summary>
    public global::Entry.Client.Services.EntryApi Api() => new(new HttpClient { BaseAddress = Address });

    private async Task AnswerAsync(HttpContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var id = body.RootElement.GetProperty("id").GetGuid();
        _typedAt.Enqueue(body.RootElement.TryGetProperty("typedAt", out var typedAt) ? typedAt.ToString() : null);
        _received.Enqueue((context.Request.Path, id));
        var entryNumber = body.RootElement.GetProperty("entryNumber").GetInt32();
        switch (_script.TryDequeue(out var answer) ? answer : Answer.Stored)
        {
            case Answer.Stored when HttpMethods.IsPut(context.Request.Method):
                await Results.Json(Stored!, statusCode: StatusCodes.Status200OK).ExecuteAsync(context);
                break;
            case Answer.Stored:
                await Results.Json(Result(id, entryNumber), statusCode: StatusCodes.Status201Created).ExecuteAsync(context);
                break;
            case Answer.Conflict:
                await Results.Problem(title: "Entry number already logged", statusCode: StatusCodes.Status409Conflict).ExecuteAsync(context);
                break;
            case Answer.Unavailable:
                await Results.Problem(title: "Service unavailable", statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                break;
            case Answer.Stale:
                await Results.Problem(title: "Version mismatch", statusCode: StatusCodes.Status412PreconditionFailed).ExecuteAsync(context);
                break;
            case Answer.Unauthorized:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                break;
            case Answer.Hang:
                await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted).ContinueWith(_ => { });
                context.Abort();
                break;
            default:
                context.Abort();
                break;
        }
    }

    private static CaseEntryResult Result(Guid id, int entryNumber) => new()
    {
        Id = id,
        BookCode = "BK-1",
        EntryNumber = entryNumber,
        NeedsVerification = false,
        CasesLogged = entryNumber,
        CaseCount = 100,
        StoredAt = DateTimeOffset.UtcNow,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
