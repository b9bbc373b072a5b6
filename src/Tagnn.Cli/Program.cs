using Spectre.Console.Cli;
using Tagnn.Cli;

return TagnnApp.Create().Run(args);
