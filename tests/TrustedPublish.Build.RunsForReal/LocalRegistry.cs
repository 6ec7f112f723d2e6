using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TrustedPublish.Build.Tests;

namespace TrustedPublish.Build.RunsForReal;

/// <summary>One request the stand-in passed to Verdaccio (or answered itself), in arrival order.</summary>
internal sealed record RegistryRequest(int Sequence, string Method, string Path, string? Bearer, int Status);

/// <summary>One call of npm's OIDC exchange: the package it named, the ID token's claims, and the token handed out (null when refused).</summary>
internal sealed record OidcExchange(int Sequence, string PackageName, string EscapedName, IdTokenClaims? Claims, string? Token, string? Refusal)
{
    public bool Granted => Token != null;
}

/// <summary>What the registry holds for a package: its versions and dist-tags.</summary>
internal sealed record Packument(IReadOnlyList<string> Versions, IReadOnlyDictionary<string, string> DistTags)
{
    public override string ToString() =>
        $"versions [{string.Join(", ", Versions)}], dist-tags {{{string.Join(", ", DistTags.OrderBy(t => t.Key).Select(t => t.Key + ": " + t.Value))}}}";
}

/// <summary>
/// A local npm registry with npm's OIDC exchange, for the RunsForReal tests. Verdaccio (pinned in tests/tools) serves
/// packages from its own storage folder on a free 127.0.0.1 port, with no uplinks (nothing reaches npmjs.org). In front
/// of it sits a small stand-in, the URL workflows are given, because npm sends the exchange to the registry URL:
/// <list type="bullet">
/// <item>`GET /_github/id-token?api-version=2.0&amp;audience=...` with `Authorization: Bearer &lt;request token&gt;` stands in for
/// GitHub's ID-token service (the URL and token a job gets in ACTIONS_ID_TOKEN_REQUEST_URL/_TOKEN): `{"value": "&lt;id token&gt;"}`,
/// an unsigned JWT carrying the job's claims;</item>
/// <item>`POST /-/npm/v1/oidc/token/exchange/package/&lt;name, scope slash as %2f&gt;` with `Authorization: Bearer &lt;id token&gt;` stands
/// in for npmjs.org's exchange (npm 11.19.1 lib/utils/oidc.js): it accepts only an ID token it issued, for audience
/// `npm:127.0.0.1`, for a package that exists, and returns `{"token": ...}`, the token of a new Verdaccio user made for
/// this one exchange (so a publish that carries it can only have come through the exchange);</item>
/// <item>every other request goes to Verdaccio unchanged, and is recorded with the bearer token it carried.</item>
/// </list>
/// It does not check the token against a trusted-publisher configuration (npm's server does); the tests read the
/// recorded claims instead.
/// </summary>
internal sealed class LocalRegistry : IIdTokenService, IDisposable
{
    private const string IdTokenPath = "/_github/id-token";
    private const string ExchangePrefix = "/-/npm/v1/oidc/token/exchange/package/";

    private static readonly ConcurrentDictionary<int, Process> Running = new();

    private readonly string _folder;
    private readonly Process _verdaccio;
    private readonly StringBuilder _verdaccioLog;
    private readonly HttpListener _listener;
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None });
    private readonly ConcurrentDictionary<string, IdTokenClaims> _offers = new();
    private readonly ConcurrentDictionary<string, (IdTokenClaims Claims, string Audience)> _idTokens = new();
    private readonly List<RegistryRequest> _requests = new();
    private readonly List<OidcExchange> _exchanges = new();
    private int _sequence;
    private int _users;

    static LocalRegistry()
    {
        // Even when the test host is stopped without running the cleanups, Verdaccio does not outlive it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
    }

    private LocalRegistry(string folder, Process verdaccio, StringBuilder verdaccioLog, int verdaccioPort, HttpListener listener, int port)
    {
        _folder = folder;
        _verdaccio = verdaccio;
        _verdaccioLog = verdaccioLog;
        _listener = listener;
        VerdaccioUrl = $"http://127.0.0.1:{verdaccioPort}/";
        Url = $"http://127.0.0.1:{port}/";
        _ = Task.Run(ServeAsync);
    }

    /// <summary>The registry URL workflows use: the stand-in in front of Verdaccio.</summary>
    public string Url { get; }

    /// <summary>Verdaccio itself, for what the test does by hand (seeding a first version, reading the result).</summary>
    public string VerdaccioUrl { get; }

    /// <summary>A long-lived token of a Verdaccio user: the classic token a maintainer would have as NPM_TOKEN.</summary>
    public string ClassicToken { get; private set; } = "";

    public string VerdaccioLog
    {
        get
        {
            lock (_verdaccioLog)
            {
                return _verdaccioLog.ToString();
            }
        }
    }

    /// <summary>Packages whose exchange is refused (403), as npm refuses an ID token that matches no trusted publisher.</summary>
    public ConcurrentDictionary<string, bool> RefuseExchange { get; } = new();

    public IReadOnlyList<RegistryRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public IReadOnlyList<OidcExchange> Exchanges
    {
        get
        {
            lock (_exchanges)
            {
                return _exchanges.ToList();
            }
        }
    }

    public static LocalRegistry Start()
    {
        var folder = TestPaths.NewTempFolder("registry");
        for (var attempt = 1; ; attempt++)
        {
            var verdaccioPort = FreePort();
            var config = Path.Combine(folder, "config.yaml");
            File.WriteAllText(config, $$"""
                storage: {{Path.Combine(folder, "storage")}}
                auth:
                  htpasswd:
                    file: {{Path.Combine(folder, "htpasswd")}}
                    max_users: 1000
                uplinks: {}
                packages:
                  '**':
                    access: $all
                    publish: $authenticated
                    unpublish: $authenticated
                web:
                  enable: false
                log: { type: stdout, format: pretty, level: warn }
                """);
            var (verdaccio, log) = StartVerdaccio(config, verdaccioPort, folder);
            if (!WaitForPing($"http://127.0.0.1:{verdaccioPort}/-/ping", verdaccio))
            {
                Kill(verdaccio);
                if (attempt < 3)
                {
                    continue; // the port was taken between choosing and binding it
                }

                throw new InvalidOperationException("Verdaccio did not start:\n" + log);
            }

            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
            }
            catch (HttpListenerException) when (attempt < 3)
            {
                Kill(verdaccio);
                continue;
            }

            var registry = new LocalRegistry(folder, verdaccio, log, verdaccioPort, listener, port);
            registry.ClassicToken = registry.CreateUser("maintainer");
            return registry;
        }
    }

    /// <summary>Kills every Verdaccio this process started (assembly cleanup, and process exit).</summary>
    public static void KillAll()
    {
        foreach (var process in Running.Values)
        {
            Kill(process);
        }
    }

    private static (Process Process, StringBuilder Log) StartVerdaccio(string config, int port, string folder)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Tools.Verdaccio, "--config", config, "--listen", $"127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, log);
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line != null)
        {
            lock (log)
            {
                log.Append(line).Append('\n');
            }
        }
    }

    private static bool WaitForPing(string url, Process process)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if (http.GetAsync(url).Result.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (AggregateException)
            {
                // not listening yet
            }

            Thread.Sleep(150);
        }

        return false;
    }

    /// <summary>A port nobody uses now: the system picks it when binding port 0.</summary>
    private static int FreePort()
    {
        var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }

        Running.TryRemove(process.Id, out _);
    }

    /// <summary>The name as npm puts it in a URL path (npm-package-arg's escapedName): the scope's slash as %2f.</summary>
    public static string Escape(string name) => name.Replace("/", "%2f", StringComparison.Ordinal);

    /// <summary>Makes a Verdaccio user and returns its token.</summary>
    public string CreateUser(string name)
    {
        var body = JsonSerializer.Serialize(new { name, password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) });
        using var response = _http.PutAsync(VerdaccioUrl + "-/user/org.couchdb.user:" + name, new StringContent(body, Encoding.UTF8, "application/json")).Result;
        var text = response.Content.ReadAsStringAsync().Result;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Verdaccio refused user {name}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>What Verdaccio holds for the package, or null when it has none.</summary>
    public Packument? Read(string name)
    {
        using var response = _http.GetAsync(VerdaccioUrl + Escape(name)).Result;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var root = JsonDocument.Parse(response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().Result).RootElement;
        var versions = root.TryGetProperty("versions", out var v) ? v.EnumerateObject().Select(p => p.Name).OrderBy(x => x, StringComparer.Ordinal).ToList() : new List<string>();
        var tags = root.TryGetProperty("dist-tags", out var t) ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!) : new Dictionary<string, string>();
        return new Packument(versions, tags);
    }

    /// <summary>The package.json the registry holds for one published version (what `npm install` of it reads), or null.</summary>
    public JsonElement? Manifest(string name, string version)
    {
        using var response = _http.GetAsync(VerdaccioUrl + Escape(name)).Result;
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var root = JsonDocument.Parse(response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().Result).RootElement;
        return root.TryGetProperty("versions", out var versions) && versions.TryGetProperty(version, out var manifest) ? manifest.Clone() : null;
    }

    /// <summary>
    /// Publishes a package folder straight to Verdaccio with the classic token, as a maintainer publishes a package's first
    /// version by hand (npm's trusted publisher can only be added to a package that exists). No OIDC: no GitHub variables.
    /// </summary>
    public void PublishByHand(string folder)
    {
        var host = new Uri(VerdaccioUrl);
        var environment = new Dictionary<string, string?>
        {
            ["GITHUB_ACTIONS"] = null,
            ["ACTIONS_ID_TOKEN_REQUEST_URL"] = null,
            ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = null,
            ["NODE_AUTH_TOKEN"] = null,
            ["NPM_CONFIG_UPDATE_NOTIFIER"] = "false",
        };
        var result = ProcessRunner.Run("node", new[] { Tools.NpmForSetupNode, "publish", "--registry", VerdaccioUrl, $"--//{host.Host}:{host.Port}/:_authToken={ClassicToken}", "--provenance=false", "--no-audit" }, folder, environment, TimeSpan.FromMinutes(2));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("Publishing by hand failed:\n" + result.All);
        }
    }

    public (string RequestUrl, string RequestToken) Offer(IdTokenClaims claims)
    {
        var requestToken = "request-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _offers[requestToken] = claims;

        // GitHub's URL already has a query (api-version); npm appends &audience=npm:<registry host>.
        return (Url.TrimEnd('/') + IdTokenPath + "?api-version=2.0", requestToken);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    /// <summary>An answer, recorded before a byte of it is sent (so a client that has it is already in <see cref="Requests"/>).</summary>
    private sealed record Answer(int Status, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers);

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var raw = request.RawUrl ?? "/";
        var path = raw.Split('?')[0];
        var bearer = Bearer(request.Headers["Authorization"]);
        Answer answer;
        try
        {
            if (request.HttpMethod == "GET" && path == IdTokenPath)
            {
                answer = IssueIdToken(context.Request, bearer);
            }
            else if (request.HttpMethod == "POST" && path.StartsWith(ExchangePrefix, StringComparison.Ordinal))
            {
                answer = Exchange(path.Substring(ExchangePrefix.Length), bearer);
            }
            else
            {
                answer = await ProxyAsync(request, raw).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            answer = Json(502, new { error = "stand-in: " + ex.Message });
        }

        lock (_requests)
        {
            _requests.Add(new RegistryRequest(Interlocked.Increment(ref _sequence), request.HttpMethod, path, bearer, answer.Status));
        }

        try
        {
            var response = context.Response;
            response.StatusCode = answer.Status;
            foreach (var (key, value) in answer.Headers)
            {
                try
                {
                    response.Headers[key] = value;
                }
                catch (ArgumentException)
                {
                    // a header HttpListener sets itself
                }
            }

            response.ContentLength64 = answer.Body.Length;
            await response.OutputStream.WriteAsync(answer.Body).ConfigureAwait(false);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
        {
            // the client went away
        }
    }

    private Answer IssueIdToken(HttpListenerRequest request, string? requestToken)
    {
        var audience = request.QueryString["audience"];
        if (requestToken == null || !_offers.TryGetValue(requestToken, out var claims))
        {
            return Json(401, new { message = "unknown request token" });
        }

        if (string.IsNullOrEmpty(audience))
        {
            return Json(400, new { message = "no audience" });
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = "https://token.actions.githubusercontent.com",
            ["aud"] = audience,
            ["sub"] = claims.Subject,
            ["repository"] = claims.Repository,
            ["repository_owner"] = claims.RepositoryOwner,
            ["repository_visibility"] = claims.RepositoryVisibility,
            ["ref"] = claims.Ref,
            ["workflow_ref"] = claims.WorkflowRef,
            ["job_workflow_ref"] = claims.WorkflowRef,
            ["environment"] = claims.Environment,
            ["event_name"] = claims.EventName,
            ["runner_environment"] = "github-hosted",
            ["iat"] = now,
            ["exp"] = now + 300,
            ["jti"] = Guid.NewGuid().ToString(),
        };

        // Unsigned: npm does not verify it (npmjs.org does, against GitHub's keys); the stand-in knows its own tokens.
        var idToken = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { typ = "JWT", alg = "none" })) + "." + Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload)) + "." + Base64Url(RandomNumberGenerator.GetBytes(32));
        _idTokens[idToken] = (claims, audience);
        return Json(200, new { count = 1, value = idToken });
    }

    private Answer Exchange(string escapedName, string? idToken)
    {
        var name = Uri.UnescapeDataString(escapedName);
        string? refusal = null;
        IdTokenClaims? claims = null;
        var expectedAudience = "npm:" + new Uri(Url).Host;
        if (idToken == null || !_idTokens.TryGetValue(idToken, out var issued))
        {
            refusal = "the bearer is not an ID token the stand-in issued";
        }
        else
        {
            claims = issued.Claims;
            if (issued.Audience != expectedAudience)
            {
                refusal = $"the ID token's audience is {issued.Audience}, not {expectedAudience}";
            }
            else if (escapedName != Escape(name))
            {
                refusal = $"the package name is escaped as {escapedName}, not as npm escapes it ({Escape(name)})";
            }
        }

        var status = refusal != null ? 401 : 201;
        if (refusal == null && Read(name) == null)
        {
            (refusal, status) = ("OIDC token exchange error - package not found", 404);
        }
        else if (refusal == null && RefuseExchange.ContainsKey(name))
        {
            (refusal, status) = ("no trusted publisher of this package matches the ID token (refused by the test)", 403);
        }

        var token = refusal == null ? CreateUser("oidc-" + Interlocked.Increment(ref _users)) : null;
        lock (_exchanges)
        {
            _exchanges.Add(new OidcExchange(Interlocked.Increment(ref _sequence), name, escapedName, claims, token, refusal));
        }

        return token != null ? Json(status, new { token }) : Json(status, new { message = refusal });
    }

    private async Task<Answer> ProxyAsync(HttpListenerRequest request, string raw)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.HttpMethod), VerdaccioUrl.TrimEnd('/') + raw);
        if (request.HasEntityBody)
        {
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
            message.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var key in request.Headers.AllKeys.OfType<string>())
        {
            if (key is "Host" or "Connection" or "Content-Length" or "Transfer-Encoding" or "Expect" or "Keep-Alive")
            {
                continue;
            }

            var value = request.Headers[key]!;
            if (!message.Headers.TryAddWithoutValidation(key, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(key, value);
            }
        }

        // Verdaccio writes tarball URLs from the Host it is asked on: the stand-in's.
        message.Headers.Host = request.Headers["Host"];
        using var response = await _http.SendAsync(message).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key is not ("Transfer-Encoding" or "Connection" or "Content-Length" or "Keep-Alive"))
            .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))
            .ToList();
        return new Answer((int)response.StatusCode, bytes, headers);
    }

    private static Answer Json(int status, object body) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(body), new[] { new KeyValuePair<string, string>("Content-Type", "application/json") });

    private static string? Bearer(string? authorization) =>
        authorization != null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization.Substring("Bearer ".Length).Trim() : null;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose()
    {
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (ObjectDisposedException)
        {
            // already closed
        }

        Kill(_verdaccio);
        _verdaccio.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
