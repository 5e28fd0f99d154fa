using Complaints.Simulators.Sms;

await SmsGatewaySimulator.Build(args).RunAsync();
