using Complaints.Simulators.WeChat;

// dotnet run --project tools/Simulators/WeChat -- --urls http://127.0.0.1:5301 --Accounts:wx0fa9e7c1d2b3a4f5=demo-secret
await WeChatSimulator.Build(args).RunAsync();
