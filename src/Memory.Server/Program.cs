var app = WebApplication.CreateBuilder(args).Build();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
