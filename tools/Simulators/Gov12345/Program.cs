using Complaints.Simulators.Gov12345;

// dotnet run --project tools/Simulators/Gov12345 -- --urls http://127.0.0.1:5302 --AppKey fy-demo --Secret demo-secret
await Gov12345Simulator.Build(args).RunAsync();
