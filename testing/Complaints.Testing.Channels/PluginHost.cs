using System.Text;
using Complaints.Channels;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Testing.Channels;

/// <summary>
/// One plugin in a minimal host on a free loopback port, wired the way the platform host wires plugins:
/// <c>ConfigureServices</c> before the build, <c>MapEndpoints</c> on the group <c>/channels/{id}</c>,
/// JWT bearer authentication and authorization, the intake offered through DI.
/// </summary>
public sealed class PluginHost : IAsyncDisposable
{
    private static readonly SymmetricSecurityKey SigningKey = new(Encoding.UTF8.GetBytes("channel-plugin-tests-signing-key-0123456789abcdef"));
    private readonly LoopbackApp _app;
    private readonly List<HttpClient> _clients = [];

    private PluginHost(LoopbackApp app, RecordingIntake intake)
    {
        _app = app;
        Intake = intake;
    }

    public RecordingIntake Intake { get; }

    public Uri BaseAddress => _app.Address;

    public IServiceProvider Services => _app.Services;

    public static async Task<PluginHost> StartAsync(IChannelPlugin plugin, IDictionary<string, string?> settings, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings);
        var intake = new RecordingIntake();
        builder.Services.AddSingleton<IChannelIntake>(intake);
        builder.Services.AddSingleton(intake);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = false,
                ValidateAudience = false,
                IssuerSigningKey = SigningKey,
                NameClaimType = "sub",
                RoleClaimType = "role",
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddProblemDetails();
        plugin.ConfigureServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        plugin.MapEndpoints(app.MapGroup($"/channels/{plugin.Id}"));
        return new PluginHost(await LoopbackApp.StartAsync(app), intake);
    }

    /// <summary>A bearer token with the claims the platform host issues.</summary>
    public static string Token(string tenant, string role, string subject = "staff-1", string? department = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["tenant"] = tenant, ["role"] = role };
        if (department is not null)
        {
            claims["department"] = department;
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        }

        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await _app.DisposeAsync();
    }
}
