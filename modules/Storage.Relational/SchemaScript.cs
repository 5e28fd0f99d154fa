namespace Complaints.Storage.Relational;

/// <summary>One numbered schema script: <c>Schema/0002-what-it-does.sql</c> is version 2.</summary>
public sealed record SchemaScript(int Version, string Name, string Sql);
