namespace Complaints.Simulators.Sms;

/// <summary>Runs the simulator standalone: <c>dotnet run --project tools/Simulators/Sms -- --urls http://127.0.0.1:5090</c>.</summary>
internal static class SimulatorProgram
{
    public static Task Main(string[] args) => SmsGatewaySimulator.Build(args).RunAsync();
}
