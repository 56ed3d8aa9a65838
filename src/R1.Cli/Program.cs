return R1.Cli.R1App.Run(args);
