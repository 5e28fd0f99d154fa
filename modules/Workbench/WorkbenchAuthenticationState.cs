using Complaints.Api;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Workbench;

/// <summary>
/// A circuit lives longer than a request: every half minute it asks again whether its user still stands (enabled, same
/// security stamp), and a disabled user's open pages lose their sign-in then.
/// </summary>
internal sealed class WorkbenchAuthenticationState(ILoggerFactory loggerFactory, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserStanding>().StandsAsync(authenticationState.User, cancellationToken);
    }
}
